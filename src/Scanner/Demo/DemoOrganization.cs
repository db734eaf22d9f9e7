using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The demo's AWS organisation, in <c>organizations/</c> as <c>collect</c> writes it: root → OU "customers" → an OU
/// per customer, OU "platform", the management account under the root; FullAWSAccess at every level, as AWS
/// attaches it, and on the first customer account an SCP modelled on aws-samples' "Deny critical IAM user actions"
/// (service-control-policy-examples), which takes away the escalation of its <c>key-minter</c> user. The data
/// perimeter per customer: the first customer's OU carries an SCP that fences its principals to its own and the
/// platform's accounts (aws:ResourceAccount), the second's only the organisation-wide fence of aws-samples'
/// data-perimeter-policy-examples (aws:ResourceOrgID, which admits every other customer), the third none; RCPs are
/// not enabled, so no customer's resources are fenced (<see cref="PlantedViolations"/>).
/// </summary>
internal static class DemoOrganization
{
    public const string ScpName = "DenyCriticalIamUserActions";
    private const string ScpId = "p-demodenyiamusers";
    private const string FullAccessId = "p-FullAWSAccess";
    private const string CustomerFenceId = "p-democustomerfence";
    private const string OrgFenceId = "p-demoorgfence";

    /// <summary>The data actions the demo's perimeter SCPs deny outside the fence, as AWS's examples fence them.</summary>
    private static readonly string[] DataActions = ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole"];
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
        var (fenced, edgeOnly) = (layout.Customers[0], layout.Customers[1]);
        var customerFence = Summary(CustomerFenceId, $"CustomerPerimeter-{fenced.Id}", $"Deny data actions on resources outside customer {fenced.Id}'s and the platform's accounts",
            $"arn:aws:organizations::{management}:policy/{org}/service_control_policy/{CustomerFenceId}", awsManaged: false);
        var orgFence = Summary(OrgFenceId, "ResourcePerimeter", "Deny data actions on resources outside the organisation",
            $"arn:aws:organizations::{management}:policy/{org}/service_control_policy/{OrgFenceId}", awsManaged: false);
        var attached = new Dictionary<string, JsonObject[]>(StringComparer.Ordinal)
        {
            [layout.ScpAccount.Id] = [fullAccess, denyIam],
            [Unit(fenced.Id)] = [fullAccess, customerFence],
            [Unit(edgeOnly.Id)] = [fullAccess, orgFence],
        };
        foreach (var target in targets.Distinct(StringComparer.Ordinal))
        {
            Write(SnapshotLayout.PoliciesForTarget(snapshot, target, Filter), "Policies",
                (attached.GetValueOrDefault(target) ?? [fullAccess]).Select(p => p.DeepClone().AsObject()));
        }
        Describe(snapshot, FullAccessId, fullAccess, PolicyJson.Document(PolicyJson.Statement("Allow", null, ["*"], ["*"])));
        Describe(snapshot, ScpId, denyIam, DenyCriticalIamUserActions(layout.Platform.Id));
        Describe(snapshot, CustomerFenceId, customerFence, Fence("aws:ResourceAccount", new JsonArray([.. fenced.Accounts.Select(a => (JsonNode)a.Id), layout.Platform.Id])));
        Describe(snapshot, OrgFenceId, orgFence, Fence("aws:ResourceOrgID", org));
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

    /// <summary>
    /// The violations of the perimeter rules the organisation plants: every collected account of the second and third
    /// customers is not fenced by an SCP; no collected customer account is fenced by an RCP (none is attached).
    /// </summary>
    public static IEnumerable<DemoViolation> PlantedViolations(DemoLayout layout)
    {
        var accounts = layout.Collected.Where(a => !a.IsPlatform).ToList();
        var edgeOnly = layout.Customers[1].Id;
        foreach (var account in accounts.Where(a => a.CustomerId != layout.Customers[0].Id))
        {
            yield return new(RuleIds.PrincipalsFenced, $"arn:aws:iam::{account.Id}:root", account.CustomerId == edgeOnly
                ? $"customer {edgeOnly}'s OU has only the organisation-wide fence (aws:ResourceOrgID): its principals reach the other customers' resources"
                : $"no SCP fences customer {account.CustomerId}'s principals in");
        }
        foreach (var account in accounts)
        {
            yield return new(RuleIds.ResourcesFenced, $"arn:aws:iam::{account.Id}:root", "RCPs are not enabled in the demo's organisation: no customer's resources are fenced");
        }
    }

    /// <summary>A perimeter SCP in the shape of aws-samples' data-perimeter examples: deny the data actions unless the resource is inside.</summary>
    private static JsonObject Fence(string key, JsonNode inside)
    {
        var deny = PolicyJson.Statement("Deny", null, DataActions, ["*"]);
        deny["Sid"] = "EnforceResourcePerimeter";
        deny["Condition"] = new JsonObject { ["StringNotEqualsIfExists"] = new JsonObject { [key] = inside } };
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
