using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

/// <summary>
/// A demo snapshot read back as a scanner would see it, independently of the generator's code: every resource with
/// its merged tags (Config or IAM, overlaid by the Tagging API), and which customer owns each account.
/// </summary>
internal sealed class DemoSnapshot
{
    public sealed record Item(string Arn, string Type, string AccountId, Dictionary<string, string> Tags);

    public Dictionary<string, Item> Resources { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> CustomerByAccount { get; } = new(StringComparer.Ordinal);

    /// <summary>The root users of the credential reports (<c>arn:aws:iam::ACCOUNT:root</c>): the accounts' own resources (<c>AWS::::Account</c>), which the manifest does not count.</summary>
    public HashSet<string> AccountRoots { get; } = new(StringComparer.Ordinal);

    public static DemoSnapshot Read(string directory)
    {
        var snapshot = new DemoSnapshot();
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(directory, "guardrails.yaml")))
        {
            yaml.Load(reader);
        }
        var estate = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["estate"];
        foreach (YamlMappingNode customer in (YamlSequenceNode)estate["customers"])
        {
            foreach (var account in (YamlSequenceNode)customer["accounts"])
            {
                snapshot.CustomerByAccount[account.ToString()] = customer["id"].ToString();
            }
        }
        foreach (var account in (YamlSequenceNode)((YamlMappingNode)estate["platform"])["accounts"])
        {
            snapshot.CustomerByAccount[account.ToString()] = null;
        }
        foreach (var item in DemoBuilder.ConfigurationItems(directory))
        {
            snapshot.Add(item.GetProperty("ARN").GetString()!, item.GetProperty("resourceType").GetString()!,
                item.GetProperty("awsAccountId").GetString()!, DemoBuilder.Tags(item));
        }
        foreach (var file in DemoBuilder.Files(directory, "authorization-details.json"))
        {
            var account = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
            using var document = DemoBuilder.Json(file);
            snapshot.AddIam(document.RootElement, "UserDetailList", "AWS::IAM::User", account);
            snapshot.AddIam(document.RootElement, "GroupDetailList", "AWS::IAM::Group", account);
            snapshot.AddIam(document.RootElement, "RoleDetailList", "AWS::IAM::Role", account);
            snapshot.AddIam(document.RootElement, "Policies", "AWS::IAM::Policy", account);
        }
        foreach (var file in DemoBuilder.Files(directory, "credential-report.csv"))
        {
            // The report's second column is the ARN; the root user's row is the account itself.
            foreach (var row in File.ReadLines(file).Skip(1).Select(l => l.Split(',')).Where(r => r is ["<root_account>", ..]))
            {
                snapshot.AccountRoots.Add(row[1]);
            }
        }
        foreach (var (arn, tags) in DemoBuilder.TagMappings(directory))
        {
            if (snapshot.Resources.TryGetValue(arn, out var known))
            {
                foreach (var (key, value) in tags)
                {
                    known.Tags[key] = value;
                }
            }
            else
            {
                snapshot.Add(arn, "tagging-only", arn.Split(':')[4], tags);
            }
        }
        return snapshot;
    }

    private void Add(string arn, string type, string account, Dictionary<string, string> tags) =>
        Resources.Add(arn, new Item(arn, type, account, tags));

    private void AddIam(JsonElement root, string list, string type, string account)
    {
        foreach (var entity in root.GetProperty(list).EnumerateArray())
        {
            var tags = entity.TryGetProperty("Tags", out var array)
                ? array.EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            Add(entity.GetProperty("Arn").GetString()!, type, account, tags);
        }
    }
}
