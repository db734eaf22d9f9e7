using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Differential;

/// <summary>One request of the differential test, as the generator drew it.</summary>
internal sealed record DifferentialRequest(string Action, string Resource, string ResourceAccount, bool IsUser, string PrincipalAccount)
{
    public string PrincipalArn => IsUser ? $"arn:aws:iam::{PrincipalAccount}:user/alice" : $"arn:aws:iam::{PrincipalAccount}:role/app";

    public string SessionArn => IsUser ? PrincipalArn : $"arn:aws:sts::{PrincipalAccount}:assumed-role/app/s1";

    /// <summary>The context keys the request carries (a policy variable names only these: see SimulatorDisagreementTests).</summary>
    public HashSet<string> PresentKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool RcpApplies => ServiceCatalog.RcpServices.Contains(Action.Split(':')[0]);
}

/// <summary>One generated case: the same request and policies for the simulator (its JSON) and for our evaluator.</summary>
internal sealed record DifferentialCase(int Index, JsonObject Simulation, AccessQuestion Question);

/// <summary>
/// Draws requests deterministically (a fixed seed) across identity, resource, SCP, RCP and boundary
/// policies, same- and cross-account, users and role sessions, inside and outside the organisation.
/// Organisation: root r-root → ou-a → 111111111111 and ou-b → 222222222222; 333333333333 is outside it.
/// KMS and STS are left out: both services have their own authorization (key policies, role trust) that
/// neither the simulator's generic logic nor ours is asked about here.
/// </summary>
internal sealed class RequestGenerator(int seed)
{
    internal sealed record Target(string Action, string ArnPattern, bool HasResourcePolicy)
    {
        public string ArnIn(string account) => ArnPattern.Replace("ACCOUNT", account, StringComparison.Ordinal);
    }

    public static readonly Target[] Targets =
    [
        new("s3:GetObject", "arn:aws:s3:::data-bucket/reports/alice/2026.csv", true),
        new("s3:PutObject", "arn:aws:s3:::data-bucket/reports/alice/2026.csv", true),
        new("s3:ListBucket", "arn:aws:s3:::data-bucket", true),
        new("sqs:SendMessage", "arn:aws:sqs:us-east-1:ACCOUNT:orders", true),
        new("sqs:DeleteQueue", "arn:aws:sqs:us-east-1:ACCOUNT:orders", true),
        new("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:ACCOUNT:secret:db-AbCdEf", true),
        new("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:ACCOUNT:table/orders", true),
        new("sns:Publish", "arn:aws:sns:us-east-1:ACCOUNT:alerts", true),
        new("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:ACCOUNT:function:worker", true),
        new("logs:PutLogEvents", "arn:aws:logs:us-east-1:ACCOUNT:log-group:app:log-stream:s1", false),
        new("iam:CreateUser", "arn:aws:iam::ACCOUNT:user/new", false),
        new("iam:PassRole", "arn:aws:iam::ACCOUNT:role/app", false),
        new("ec2:DescribeInstances", "*", false),
    ];

    private const string Me = "111111111111", Sibling = "222222222222", Outsider = "333333333333", OrgId = "o-exampleorg";
    private static readonly Dictionary<string, string[]> Paths = new() { [Me] = ["r-root", "ou-a", Me], [Sibling] = ["r-root", "ou-b", Sibling] };

    private readonly Random _random = new(seed);
    private StatementGenerator Statements => new(_random);

    public IEnumerable<DifferentialCase> Generate(int count) => Enumerable.Range(0, count).Select(Next);

    private DifferentialCase Next(int index)
    {
        var target = Targets[_random.Next(Targets.Length)];
        var principalAccount = _random.NextDouble() switch { < 0.75 => Me, < 0.9 => Sibling, _ => Outsider };
        var resourceAccount = target.ArnPattern == "*" || _random.NextDouble() < 0.7 ? principalAccount : Pick([Me, Sibling, Outsider]);
        var request = new DifferentialRequest(target.Action, target.ArnIn(resourceAccount), resourceAccount, _random.Next(2) == 0, principalAccount);
        var context = Context(request);
        request.PresentKeys.UnionWith(context.Keys);
        var identity = Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Policy(request, true, null)).ToList();
        var boundary = _random.NextDouble() < 0.3 ? Policy(request, true, null) : null;
        var resource = target.HasResourcePolicy && _random.NextDouble() < 0.6 ? Policy(request, true, () => ResourcePrincipal(request)) : null;
        var inOrganisation = _random.NextDouble() < 0.5;
        var scps = inOrganisation ? Levels(request, rcp: false) : null;
        var rcps = inOrganisation ? Levels(request, rcp: true) : null;

        var simulation = new JsonObject
        {
            ["request"] = new JsonObject
            {
                ["principal"] = request.SessionArn, ["action"] = request.Action,
                ["resource"] = new JsonObject { ["resource"] = request.Resource, ["accountId"] = resourceAccount },
                ["contextVariables"] = new JsonObject(context.Select(kv => KeyValuePair.Create(kv.Key,
                    (JsonNode?)(kv.Value.Multi ? new JsonArray(kv.Value.Values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()) : JsonValue.Create(kv.Value.Values[0]))))),
            },
            ["identityPolicies"] = new JsonArray(identity.Select((p, i) => (JsonNode)new JsonObject { ["name"] = $"identity{i}", ["policy"] = p.DeepClone() }).ToArray()),
            ["serviceControlPolicies"] = OrgLevels(scps, request.PrincipalAccount, rcp: false),
            ["resourceControlPolicies"] = OrgLevels(rcps, request.ResourceAccount, rcp: true),
        };
        if (boundary is not null)
        {
            simulation["permissionBoundaryPolicies"] = new JsonArray(new JsonObject { ["name"] = "boundary", ["policy"] = boundary.DeepClone() });
        }
        if (resource is not null)
        {
            simulation["resourcePolicy"] = resource.DeepClone();
        }

        var who = request.IsUser ? RequestPrincipal.User(request.PrincipalArn) : RequestPrincipal.RoleSession(request.PrincipalArn, "s1");
        var ours = new RequestContext(request.Action, request.Resource);
        foreach (var (key, (_, values)) in context)
        {
            ours.WithValues(key, values);
        }
        var question = new AccessQuestion(who, ours)
        {
            IdentityPolicies = identity.Select((p, i) => PolicyDocument.Parse(p.ToJsonString(), $"identity{i}")).ToList(),
            PermissionsBoundary = boundary is null ? null : PolicyDocument.Parse(boundary.ToJsonString(), "boundary"),
            ResourcePolicy = resource is null ? null : PolicyDocument.Parse(resource.ToJsonString(), "resource"),
            ResourceAccount = resourceAccount,
            Organization = inOrganisation ? Organisation(scps!, rcps!) : null,
        };
        return new DifferentialCase(index, simulation, question);
    }

    /// <summary>The request context both sides see: the principal's keys (as IAM sets them) and a random draw of the others.</summary>
    private Dictionary<string, (bool Multi, string[] Values)> Context(DifferentialRequest request)
    {
        var context = new Dictionary<string, (bool, string[])>
        {
            ["aws:PrincipalArn"] = (false, [request.PrincipalArn]),
            ["aws:PrincipalAccount"] = (false, [request.PrincipalAccount]),
            ["aws:PrincipalType"] = (false, [request.IsUser ? "User" : "AssumedRole"]),
            ["aws:PrincipalIsAWSService"] = (false, ["false"]),
            ["aws:ResourceAccount"] = (false, [request.ResourceAccount]),
        };
        if (request.IsUser)
        {
            context["aws:username"] = (false, ["alice"]);
        }
        if (Paths.TryGetValue(request.PrincipalAccount, out var path))
        {
            context["aws:PrincipalOrgID"] = (false, [OrgId]);
            context["aws:PrincipalOrgPaths"] = (true, [$"{OrgId}/{path[0]}/{path[1]}/"]);
        }
        foreach (var key in StatementGenerator.Keys.Where(_ => _random.Next(2) == 0))
        {
            context[key.Name] = key.Multi
                ? (true, key.RequestValues.Where(_ => _random.Next(2) == 0).ToArray())
                : (false, [Pick(key.RequestValues)]);
        }
        return context;
    }

    private JsonObject Policy(DifferentialRequest request, bool allowMostly, Func<JsonNode>? principal) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(Enumerable.Range(0, _random.Next(1, 4)).Select(_ => (JsonNode)Statements.Statement(request, allowMostly, principal?.Invoke())).ToArray()),
    };

    private JsonNode ResourcePrincipal(DifferentialRequest request) => _random.Next(10) switch
    {
        0 => new JsonObject { ["AWS"] = request.PrincipalArn },
        1 => new JsonObject { ["AWS"] = request.SessionArn },
        2 => new JsonObject { ["AWS"] = $"arn:aws:iam::{request.PrincipalAccount}:root" },
        3 => new JsonObject { ["AWS"] = request.PrincipalAccount },
        4 or 5 => "*",
        6 => new JsonObject { ["AWS"] = "*" },
        7 => new JsonObject { ["AWS"] = $"arn:aws:iam::{(request.PrincipalAccount == Me ? Sibling : Me)}:root" },
        8 => new JsonObject { ["AWS"] = $"arn:aws:iam::{request.PrincipalAccount}:role/other" },
        _ => new JsonObject { ["Service"] = "sns.amazonaws.com" },
    };

    /// <summary>SCPs (or RCPs) for each node: FullAWSAccess or an allow list, and sometimes a Deny.</summary>
    private Dictionary<string, JsonObject[]> Levels(DifferentialRequest request, bool rcp)
    {
        var full = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(rcp
            ? new JsonObject { ["Effect"] = "Allow", ["Principal"] = "*", ["Action"] = "*", ["Resource"] = "*" }
            : new JsonObject { ["Effect"] = "Allow", ["Action"] = "*", ["Resource"] = "*" }) };
        var levels = new Dictionary<string, JsonObject[]>();
        foreach (var node in new[] { "r-root", "ou-a", "ou-b", Me, Sibling })
        {
            // The simulator adds RCPFullAWSAccess at every level itself (and refuses it as a custom RCP): it is ours alone, named so.
            var policies = new List<JsonObject> { !rcp && _random.NextDouble() < 0.25 ? AllowOnly(request) : (JsonObject)full.DeepClone() };
            // RCPs only for the services AWS lists (the simulator applies them to every service: SimulatorDisagreementTests).
            if (_random.NextDouble() < 0.2 && (!rcp || request.RcpApplies))
            {
                var deny = Statements.Statement(request, allowMostly: false, null);
                deny["Effect"] = "Deny";
                if (rcp)
                {
                    // A custom RCP may only Deny, with Principal "*", an Action list without "*" (AWS's own RCPFullAWSAccess is the only allow).
                    deny["Principal"] = "*";
                    var actions = deny["Action"] ?? deny["NotAction"];
                    deny.Remove("NotAction");
                    deny.Remove("Action");
                    deny["Action"] = actions is JsonValue v && v.GetValue<string>() == "*" ? request.Action.Split(':')[0] + ":*" : actions!.DeepClone();
                    if (deny["Action"] is JsonArray list && list.Any(a => a!.GetValue<string>() == "*"))
                    {
                        deny["Action"] = request.Action;
                    }
                    // A wildcard reaching across ARN segments matches in the simulator's identity policies but not its RCPs (SimulatorDisagreementTests).
                    var resources = deny["Resource"] ?? deny["NotResource"];
                    if (resources!.ToJsonString().Contains("**", StringComparison.Ordinal))
                    {
                        deny.Remove("NotResource");
                        deny["Resource"] = "*";
                    }
                }
                policies.Add(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(deny) });
            }
            levels[node] = policies.ToArray();
        }
        return levels;
    }

    private JsonObject AllowOnly(DifferentialRequest request)
    {
        var allow = Statements.Statement(request, allowMostly: true, null);
        allow["Effect"] = "Allow";
        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(allow) };
    }

    private static JsonArray OrgLevels(Dictionary<string, JsonObject[]>? levels, string account, bool rcp) =>
        levels is null || !Paths.TryGetValue(account, out var path)
            ? []
            : new JsonArray(path.Select(node => (JsonNode)new JsonObject
            {
                ["orgIdentifier"] = node,
                ["policies"] = new JsonArray(levels[node].Select((p, i) => (Policy: p, Name: $"{node}-{i}")).Where(p => !(rcp && p.Name.EndsWith("-0", StringComparison.Ordinal)))
                    .Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["policy"] = p.Policy.DeepClone() }).ToArray()),
            }).ToArray());

    private static Organization Organisation(Dictionary<string, JsonObject[]> scps, Dictionary<string, JsonObject[]> rcps)
    {
        PolicyDocument[] Documents(Dictionary<string, JsonObject[]> levels, string node) =>
            levels[node].Select((p, i) => PolicyDocument.Parse(p.ToJsonString(), $"{node}-{i}")).ToArray();
        OrganizationTarget Node(string id, string? parent) =>
            new(id, parent, id) { ServiceControlPolicies = Documents(scps, id), ResourceControlPolicies = Documents(rcps, id) };
        return new Organization(OrgId, "999999999999",
        [
            Node("r-root", null), Node("ou-a", "r-root"), Node("ou-b", "r-root"), Node(Me, "ou-a"), Node(Sibling, "ou-b"),
            new("999999999999", "r-root", "management"),
        ]);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
