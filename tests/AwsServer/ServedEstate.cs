using Ocado.Guardrails.Rules.Network;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// The estate the test server serves: accounts with their data, the caller's own account, the
/// aggregator. <see cref="WriteSnapshot"/> writes it in the layout `guardrails collect` writes
/// (as the AWS CLI would print it), so that a collection can be compared with what was served.
/// </summary>
public sealed class ServedEstate
{
    public required IReadOnlyList<string> Regions { get; init; }
    public required IReadOnlyDictionary<string, ServedAccount> Accounts { get; init; }

    /// <summary>The account of the root keys (the auditor's), where the aggregator lives.</summary>
    public string CallerAccount { get; init; } = "123456789012";
    public string AggregatorName { get; init; } = "organisation";

    /// <summary>The AWS organisation the accounts sit in, when the test gives one (else Organizations answers AWSOrganizationsNotInUseException).</summary>
    public ServedOrganization? Organization { get; set; }

    /// <summary>Writes the snapshot layout of DESIGN.md for this estate.</summary>
    /// <param name="servicesLastAccessed">Whether each user's and role's service-last-accessed answer is written too (collected only when enabled).</param>
    /// <param name="network">Whether each account's network/ is written (the live engine does not read the estate's network yet: docs/network.md).</param>
    public void WriteSnapshot(string directory, bool servicesLastAccessed = false, bool network = true)
    {
        foreach (var account in Accounts.Values)
        {
            var root = Path.Combine(directory, account.Id);
            foreach (var (region, items) in account.ConfigItems)
            {
                Write(Path.Combine(root, "config", region + ".json"), new JsonObject { ["baseConfigurationItems"] = Array(items) });
            }
            foreach (var (region, mappings) in account.TagMappings)
            {
                Write(Path.Combine(root, "tagging", region + ".json"), new JsonObject { ["ResourceTagMappingList"] = Array(mappings) });
            }
            foreach (var (region, services) in account.Quotas)
            {
                foreach (var (code, quotas) in services)
                {
                    Write(Path.Combine(root, "quotas", region, code + ".json"), new JsonObject { ["Quotas"] = Array(quotas) });
                }
            }
            if (network)
            {
                WriteNetwork(root, account);
            }
            Write(Path.Combine(root, "iam", "authorization-details.json"), account.Iam.DeepClone());
            File.WriteAllText(Path.Combine(root, "iam", "credential-report.csv"), account.CredentialReport);
            foreach (var (arn, services) in servicesLastAccessed ? account.ServicesLastAccessed : [])
            {
                var (kind, name) = (arn.Contains(":role/", StringComparison.Ordinal) ? "role" : "user", arn[(arn.LastIndexOf('/') + 1)..]);
                Write(Path.Combine(root, "iam", "service-last-accessed", kind, name + ".json"), ServiceLastAccessHandler.Completed(services));
            }
        }
        Organization?.WriteSnapshot(directory, Accounts.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Every region's network outputs, as the CLI would print what the server serves (an empty list where nothing is served).</summary>
    private void WriteNetwork(string root, ServedAccount account)
    {
        foreach (var region in Regions)
        {
            var served = account.Network.GetValueOrDefault(region) ?? [];
            var outputs = NetworkOutputs.Commands.Concat(NetworkOutputs.Filters).Concat(NetworkOutputs.Details).Select(c => (Name: c, Output: served.GetValueOrDefault(c) ?? Ec2Handler.Empty(c)))
                .Concat(served.Where(p => p.Key.Contains('/', StringComparison.Ordinal)).Select(p => (Name: p.Key, Output: p.Value)));
            foreach (var (name, output) in outputs)
            {
                Write(Path.Combine(root, "network", region, name + ".json"), output.DeepClone());
            }
        }
    }

    private static JsonArray Array(IEnumerable<JsonObject> items) => new(items.Select(i => (JsonNode)i.DeepClone()).ToArray());

    private static void Write(string path, JsonNode node)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
