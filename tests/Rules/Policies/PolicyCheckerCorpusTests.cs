using System.Text.Json;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// Cloud Custodian's cross-account checker corpus (tests/test_iam.py::CrossAccountChecker): policies
/// and, per allow-list configuration, whether each policy is a violation. The allow-listed accounts
/// become one customer's accounts; the resource belongs to the first of them (or to an account no
/// policy names when the list is empty).
/// </summary>
public sealed class PolicyCheckerCorpusTests(ITestOutputHelper output)
{
    private const string Outsider = "000000000000";

    /// <summary>
    /// Where our verdict differs from Cloud Custodian's, on purpose. Custodian can allow-list VPCs,
    /// VPC endpoints and organisation ids; segregation between customers cannot, since a VPC endpoint
    /// policy, a network or an organisation may be shared by several customers, so those conditions never
    /// make a "*" safe (first-catalog.md: "aws:PrincipalOrgID is NOT enough"). Conversely, a grant pinned
    /// to the customer's own account by aws:SourceArn is not foreign whatever VPC condition sits beside it.
    /// Key: file, configuration index within the file, policy index.
    /// </summary>
    private static readonly Dictionary<string, string> Disagreements = new(StringComparer.Ordinal)
    {
        ["s3-policies.json#0#6"] = "\"*\" limited by aws:sourceVpc: a VPC names no account, so it is public-but-conditional for us",
        ["s3-policies.json#0#8"] = "\"*\" limited by aws:sourceVpce: a VPC endpoint names no account",
        ["s3-policies.json#1#6"] = "\"*\" limited by aws:sourceVpc (no VPC allow-list): a VPC names no account",
        ["s3-policies.json#1#7"] = "\"*\" limited by aws:sourceVpc (no VPC allow-list): a VPC names no account",
        ["s3-policies.json#1#8"] = "\"*\" limited by aws:sourceVpce (no VPCE allow-list): a VPC endpoint names no account",
        ["s3-policies.json#1#9"] = "\"*\" limited by aws:sourceVpce (no VPCE allow-list): a VPC endpoint names no account",
        ["s3-conditions.json#0#1"] = "aws:SourceArn pins the \"*\" to the customer's own account; the VPC condition beside it only narrows it further",
        ["s3-principal.json#1#5"] = "two foreign accounts limited by aws:sourceVpc: a VPC condition does not change whose accounts they are",
        ["s3-orgid.json#0#0"] = "\"*\" limited by aws:PrincipalOrgID: an organisation may hold several customers",
        ["s3-resource-orgid.json#0#0"] = "\"*\" limited by aws:ResourceOrgID, which constrains the resource, not the caller",
    };

    [Fact]
    public void EachPolicyIsAViolationExactlyWhenTheCheckerSaysSoSaveForTheDocumentedDisagreements()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("resource-exposure", "cloud-custodian-policychecker", "expected-verdicts.json")));
        var perFile = new Dictionary<string, int>(StringComparer.Ordinal);
        int agreed = 0, total = 0;
        var wrong = new List<string>();
        foreach (var entry in expected.RootElement.EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var configIndex = perFile[file] = perFile.GetValueOrDefault(file, -1) + 1;
            var config = entry.GetProperty("checker_config");
            var policies = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("resource-exposure", "cloud-custodian-policychecker", file))).RootElement;
            var verdicts = entry.GetProperty("expected_violation_per_policy_index").EnumerateArray().Select(v => v.GetBoolean()).ToList();
            for (var i = 0; i < verdicts.Count; i++)
            {
                var ours = Judge(policies[i], config);
                var corpus = verdicts[i];
                var key = $"{file}#{configIndex}#{i}";
                total++;
                agreed += ours == corpus ? 1 : 0;
                var documented = Disagreements.TryGetValue(key, out var reason);
                if ((ours == corpus) == documented)
                {
                    wrong.Add($"{key}: ours {ours}, corpus {corpus}{(documented ? " (documented as a disagreement, but we agree)" : "")}");
                }
                else if (documented)
                {
                    output.WriteLine($"disagree {key}: ours {ours}, corpus {corpus}: {reason}");
                }
            }
        }

        output.WriteLine($"policychecker: {agreed}/{total} verdicts agree, {Disagreements.Count} documented disagreements");
        Assert.Empty(wrong);
    }

    /// <summary>
    /// Our verdict in the corpus's terms: a violation is a foreign grant; with everyone_only, any grant to
    /// "*"; with return_allowed the corpus lists the policies that are allowed, so the answer flips.
    /// </summary>
    private static bool Judge(JsonElement policy, JsonElement config)
    {
        var allowed = JsonPath(config, "allowed_accounts").Where(a => a.All(char.IsAsciiDigit)).ToList();
        var owner = allowed.FirstOrDefault() ?? Outsider;
        var estate = new Estate([new Customer("checker", "allow-listed accounts", allowed.Count > 0 ? allowed : [owner])], [], []);
        var grants = AccessAnalyzer.Grants(PolicyDocument.Parse(policy), owner, estate);
        if (config.TryGetProperty("everyone_only", out var everyone) && everyone.GetBoolean())
        {
            return grants.Any(g => g.IsEveryone);
        }
        var violation = grants.Any(g => g.IsForeign);
        return config.TryGetProperty("return_allowed", out var returnAllowed) && returnAllowed.GetBoolean() ? !violation : violation;
    }

    private static IEnumerable<string> JsonPath(JsonElement config, string name) =>
        config.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(v => v.GetString()!) : [];
}
