using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The demo's AWS organisation, in <c>organizations/</c> as <c>collect</c> writes it: root → OU "customers" → an OU
/// per customer, OU "platform", the management account under the root; FullAWSAccess at every level, as AWS
/// attaches it, and on the first customer account an SCP modelled on aws-samples' "Deny critical IAM user actions"
/// (service-control-policy-examples), which takes away the escalation of its <c>key-minter</c> user.
/// </summary>
internal static class DemoOrganization
{
    public const string ScpName = "DenyCriticalIamUserActions";
    private const string ScpId = "p-demodenyiamusers";
    private const string FullAccessId = "p-FullAWSAccess";
    private const string Filter = "SERVICE_CONTROL_POLICY";

    public static void Write(string snapshot, DemoLayout layout)
    {
        var org = layout.OrganizationId;
        var root = "r-" + org[2..6];
        var management = DemoLayout.ManagementAccountId;
        string Unit(string name) => $"ou-{root[2..]}-{DemoLayout.Letters(name).ToLowerInvariant().PadRight(8, '0')}";
        JsonObject UnitEntry(string name) => new() { ["Id"] = Unit(name), ["Arn"] = $"arn:aws:organizations::{management}:ou/{org}/{Unit(name)}", ["Name"] = name };
        JsonObject Account(string id, string name, int index) => new()
        {
            ["Id"] = id, ["Arn"] = $"arn:aws:organizations::{management}:account/{org}/{id}", ["Email"] = $"aws+{name}@example.com", ["Name"] = name,
            ["Status"] = "ACTIVE", ["JoinedMethod"] = index == 0 ? "CREATED" : "INVITED",
            ["JoinedTimestamp"] = Iso(DemoLayout.CollectedAt.AddDays(-900 + index)),
        };

        Write(SnapshotLayout.OrganizationRoots(snapshot), "Roots", [new JsonObject
        {
            ["Id"] = root, ["Arn"] = $"arn:aws:organizations::{management}:root/{org}/{root}", ["Name"] = "Root",
            ["PolicyTypes"] = new JsonArray(new JsonObject { ["Type"] = Filter, ["Status"] = "ENABLED" }),
        }]);
        var children = new Dictionary<string, (List<JsonObject> Units, List<JsonObject> Accounts)>(StringComparer.Ordinal)
        {
            [root] = ([UnitEntry("customers"), UnitEntry("platform")], [Account(management, "management", 0)]),
            [Unit("customers")] = ([.. layout.Customers.Select(c => UnitEntry(c.Id))], []),
            [Unit("platform")] = ([], [Account(layout.Platform.Id, layout.Platform.Alias, 1)]),
        };
        foreach (var customer in layout.Customers)
        {
            children[Unit(customer.Id)] = ([], [.. customer.Accounts.Select(a => Account(a.Id, a.Alias, a.Index + 2))]);
        }
        foreach (var (parent, (units, accounts)) in children)
        {
            Write(SnapshotLayout.OrganizationalUnits(snapshot, parent), "OrganizationalUnits", units);
            Write(SnapshotLayout.OrganizationAccounts(snapshot, parent), "Accounts", accounts);
        }
        var fullAccess = Summary(FullAccessId, "FullAWSAccess", "Allows access to every operation", $"arn:aws:organizations::aws:policy/service_control_policy/{FullAccessId}", awsManaged: true);
        var denyIam = Summary(ScpId, ScpName, "Deny creating users, access keys and login profiles but to the break-glass role",
            $"arn:aws:organizations::{management}:policy/{org}/service_control_policy/{ScpId}", awsManaged: false);
        var targets = children.Keys.Concat(layout.Accounts.Select(a => a.Id)).Append(management);
        foreach (var target in targets.Distinct(StringComparer.Ordinal))
        {
            Write(SnapshotLayout.PoliciesForTarget(snapshot, target, Filter), "Policies",
                target == layout.ScpAccount.Id ? [fullAccess.DeepClone().AsObject(), denyIam.DeepClone().AsObject()] : [fullAccess.DeepClone().AsObject()]);
        }
        Describe(snapshot, FullAccessId, fullAccess, PolicyJson.Document(PolicyJson.Statement("Allow", null, ["*"], ["*"])));
        Describe(snapshot, ScpId, denyIam, DenyCriticalIamUserActions(layout.Platform.Id));
    }

    /// <summary>aws-samples' "Deny critical IAM user actions", its privileged role the platform's break-glass role.</summary>
    private static JsonObject DenyCriticalIamUserActions(string platformAccount)
    {
        var deny = PolicyJson.Statement("Deny", null,
            ["iam:CreateAccessKey", "iam:CreateUser", "iam:UpdateLoginProfile", "iam:CreateLoginProfile", "iam:DeleteLoginProfile",
             "iam:UpdateAccountPasswordPolicy", "iam:DeleteAccountPasswordPolicy"], ["*"]);
        deny["Condition"] = new JsonObject { ["ArnNotLike"] = new JsonObject { ["aws:PrincipalARN"] = $"arn:aws:iam::{platformAccount}:role/break-glass" } };
        return PolicyJson.Document(deny);
    }

    private static JsonObject Summary(string id, string name, string description, string arn, bool awsManaged) => new()
    {
        ["Id"] = id, ["Arn"] = arn, ["Name"] = name, ["Description"] = description, ["Type"] = Filter, ["AwsManaged"] = awsManaged,
    };

    private static void Describe(string snapshot, string id, JsonObject summary, JsonObject content) =>
        Write(SnapshotLayout.OrganizationPolicy(snapshot, id), new JsonObject
        {
            ["Policy"] = new JsonObject { ["PolicySummary"] = summary.DeepClone(), ["Content"] = content.ToJsonString() },
        });

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+00:00";

    private static void Write(string path, string property, IEnumerable<JsonObject> items) =>
        Write(path, new JsonObject { [property] = new JsonArray([.. items]) });

    private static void Write(string path, JsonNode node)
    {
        using var stream = SnapshotWriter.Create(path);
        using var writer = new Utf8JsonWriter(stream, SnapshotWriter.Indented);
        node.WriteTo(writer);
    }
}
