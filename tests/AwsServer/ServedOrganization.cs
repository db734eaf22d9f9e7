using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// An AWS organisation as AWS Organizations answers for it: one root, OUs, accounts (each under one parent),
/// policies (<c>PolicySummary</c> and <c>Content</c>) and what is attached where. Only the management account
/// and the delegated administrators may read it.
/// </summary>
public sealed class ServedOrganization
{
    public const string ServiceControl = "SERVICE_CONTROL_POLICY";
    public const string ResourceControl = "RESOURCE_CONTROL_POLICY";

    public required string OrganizationId { get; init; }
    public required string ManagementAccount { get; init; }
    public required JsonObject Root { get; init; }
    public string RootId => Root["Id"]!.GetValue<string>();
    public HashSet<string> DelegatedAdministrators { get; } = new(StringComparer.Ordinal);

    /// <summary>By parent id: the OUs directly under it, as <c>OrganizationalUnit</c>.</summary>
    public Dictionary<string, List<JsonObject>> UnitsByParent { get; } = new(StringComparer.Ordinal);

    /// <summary>By parent id: the accounts directly under it, as <c>Account</c> (JoinedTimestamp in epoch seconds, as on the wire).</summary>
    public Dictionary<string, List<JsonObject>> AccountsByParent { get; } = new(StringComparer.Ordinal);

    /// <summary>By policy id: <c>{"PolicySummary": ..., "Content": "..."}</c>.</summary>
    public Dictionary<string, JsonObject> PolicyById { get; } = new(StringComparer.Ordinal);

    /// <summary>By (target, policy type): the policy ids attached directly.</summary>
    public Dictionary<(string Target, string Type), List<string>> Attached { get; } = new();

    public bool MayRead(string account) => account == ManagementAccount || DelegatedAdministrators.Contains(account);

    /// <summary>
    /// The management account and the accounts under root → OU "platform", OU "customers" → OU "workloads"
    /// (spread over the three and the root), FullAWSAccess and RCPFullAWSAccess attached everywhere, as AWS does.
    /// </summary>
    public static ServedOrganization Build(string management, IEnumerable<string> accounts)
    {
        const string id = "o-a1b2c3d4e5";
        const string root = "r-ab12";
        var organization = new ServedOrganization
        {
            OrganizationId = id,
            ManagementAccount = management,
            Root = new JsonObject
            {
                ["Id"] = root, ["Arn"] = $"arn:aws:organizations::{management}:root/{id}/{root}", ["Name"] = "Root",
                ["PolicyTypes"] = new JsonArray(
                    new JsonObject { ["Type"] = ServiceControl, ["Status"] = "ENABLED" },
                    new JsonObject { ["Type"] = ResourceControl, ["Status"] = "ENABLED" }),
            },
        };
        organization.AddPolicy("p-FullAWSAccess", "FullAWSAccess", ServiceControl, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", awsManaged: true);
        organization.AddPolicy("p-RCPFullAWSAccess", "RCPFullAWSAccess", ResourceControl, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", awsManaged: true);
        organization.AddTarget(root);
        var platform = organization.AddUnit(root, "ou-ab12-pl4tf0rm", "platform");
        var customers = organization.AddUnit(root, "ou-ab12-cust0mer", "customers");
        var workloads = organization.AddUnit(customers, "ou-ab12-w0rkl0ad", "workloads");
        organization.AddAccount(root, management, "management");
        string[] parents = [workloads, customers, platform, root];
        var index = 0;
        foreach (var account in accounts.Where(a => a != management))
        {
            organization.AddAccount(parents[index % parents.Length], account, $"account-{index}");
            index++;
        }
        return organization;
    }

    public string AddUnit(string parent, string unitId, string name)
    {
        UnitsByParent.TryAdd(parent, []);
        UnitsByParent[parent].Add(new JsonObject { ["Id"] = unitId, ["Arn"] = $"arn:aws:organizations::{ManagementAccount}:ou/{OrganizationId}/{unitId}", ["Name"] = name });
        AddTarget(unitId);
        return unitId;
    }

    public void AddAccount(string parent, string account, string name)
    {
        AccountsByParent.TryAdd(parent, []);
        var joined = 1_700_000_000.25 + AccountsByParent.Values.Sum(a => a.Count);
        AccountsByParent[parent].Add(new JsonObject
        {
            ["Id"] = account, ["Arn"] = $"arn:aws:organizations::{ManagementAccount}:account/{OrganizationId}/{account}",
            ["Email"] = $"aws+{account}@example.com", ["Name"] = name, ["Status"] = "ACTIVE", ["JoinedMethod"] = "CREATED", ["JoinedTimestamp"] = joined,
        });
        AddTarget(account);
    }

    public void AddPolicy(string policyId, string name, string type, string content, bool awsManaged = false) =>
        PolicyById[policyId] = new JsonObject
        {
            ["PolicySummary"] = new JsonObject
            {
                ["Id"] = policyId, ["Arn"] = $"arn:aws:organizations::{(awsManaged ? "aws" : ManagementAccount)}:policy/{(awsManaged ? "" : OrganizationId + "/")}{type.ToLowerInvariant()}/{policyId}",
                ["Name"] = name, ["Description"] = $"{name} (test)", ["Type"] = type, ["AwsManaged"] = awsManaged,
            },
            ["Content"] = content,
        };

    public void Attach(string target, string policyId)
    {
        var type = PolicyById[policyId]["PolicySummary"]!["Type"]!.GetValue<string>();
        Attached.TryAdd((target, type), []);
        Attached[(target, type)].Add(policyId);
    }

    public IEnumerable<string> AllParents() => UnitsByParent.Values.SelectMany(u => u).Select(u => u["Id"]!.GetValue<string>()).Prepend(RootId);

    public IEnumerable<string> AllAccounts() => AccountsByParent.Values.SelectMany(a => a).Select(a => a["Id"]!.GetValue<string>());

    private void AddTarget(string target)
    {
        Attach(target, "p-FullAWSAccess");
        Attach(target, "p-RCPFullAWSAccess");
    }

    /// <summary>The <c>organizations/</c> files of a snapshot, as the AWS CLI prints them (timestamps in ISO 8601, UTC).</summary>
    public void WriteSnapshot(string snapshot, ISet<string> estateAccounts)
    {
        var folder = Path.Combine(snapshot, "organizations");
        Write(Path.Combine(folder, "list-roots.json"), new JsonObject { ["Roots"] = new JsonArray(Root.DeepClone()) });
        foreach (var parent in AllParents())
        {
            Write(Path.Combine(folder, "list-organizational-units-for-parent", parent + ".json"), new JsonObject { ["OrganizationalUnits"] = Array(UnitsByParent.GetValueOrDefault(parent) ?? []) });
            Write(Path.Combine(folder, "list-accounts-for-parent", parent + ".json"), new JsonObject { ["Accounts"] = Array((AccountsByParent.GetValueOrDefault(parent) ?? []).Select(AsTheCliPrints)) });
        }
        foreach (var target in AllParents().Concat(AllAccounts().Where(estateAccounts.Contains)))
        {
            foreach (var type in new[] { ServiceControl, ResourceControl })
            {
                var summaries = (Attached.TryGetValue((target, type), out var ids) ? ids : []).Select(p => (JsonObject)PolicyById[p]["PolicySummary"]!);
                Write(Path.Combine(folder, "list-policies-for-target", target, type + ".json"), new JsonObject { ["Policies"] = Array(summaries) });
            }
        }
        foreach (var (policyId, policy) in PolicyById)
        {
            Write(Path.Combine(folder, "describe-policy", policyId + ".json"), new JsonObject { ["Policy"] = policy.DeepClone() });
        }
    }

    /// <summary>An account with JoinedTimestamp as the CLI prints it: Python's isoformat() of the UTC time.</summary>
    public static JsonObject AsTheCliPrints(JsonObject account)
    {
        var copy = (JsonObject)account.DeepClone();
        var epoch = account["JoinedTimestamp"]!.GetValue<double>();
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(epoch * 10_000_000));
        copy["JoinedTimestamp"] = time.ToString(time.Ticks % 10_000_000 == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00";
        return copy;
    }

    private static JsonArray Array(IEnumerable<JsonObject> items) => new(items.Select(i => (JsonNode)i.DeepClone()).ToArray());

    private static void Write(string path, JsonNode node)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
