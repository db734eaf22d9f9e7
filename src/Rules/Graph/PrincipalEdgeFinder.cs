using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using static Ocado.Guardrails.Rules.Graph.PrincipalGraphBuilder;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// Decides the graph's edges. Each candidate step is asked of <see cref="AccessEvaluator"/> as the one
/// request AWS would see (the caller's policies and boundary, the role's trust as its resource policy,
/// the organisation's SCPs and RCPs when known); a pattern check on the caller's shared permission set
/// first rules out most callers at once, so the exact question is asked of few pairs.
/// </summary>
internal sealed class PrincipalEdgeFinder
{
    private const string AnyoneAccount = "000000000000";

    /// <summary>An outside account's principals hold policies we never saw: the worst case, they allow everything.</summary>
    private static readonly PolicyDocument Unknown = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "the outside account's own policies (not seen: taken to allow everything)");

    private static readonly string[] UserTakeovers = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"];

    private readonly Organization? _organization;
    private readonly PrincipalInfo[] _infos;
    private readonly Dictionary<string, List<int>> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PrincipalNode> _external = new(StringComparer.Ordinal);
    private readonly List<PrincipalEdge> _edges = [];

    public PrincipalEdgeFinder(Organization? organization, IEnumerable<PrincipalInfo> principals)
    {
        _organization = organization;
        _infos = principals.DistinctBy(p => p.Arn).OrderBy(p => p.Arn, StringComparer.Ordinal).ToArray();
        var nodes = new List<PrincipalNode>();
        for (var i = 0; i < _infos.Length; i++)
        {
            var info = _infos[i];
            _byArn[info.Arn] = i;
            (_byAccount.TryGetValue(info.AccountId, out var list) ? list : _byAccount[info.AccountId] = []).Add(i);
            nodes.Add(new PrincipalNode(i, info.Kind, info.Arn, info.AccountId) { IsAdmin = info.Class.Permissions.AllowsAdmin, SelfGrant = SelfGrant(info) });
        }
        // Outside accounts (and anyone) named by trust policies become nodes after the principals, in a fixed order.
        foreach (var account in _infos.Where(p => p.Trust is not null).SelectMany(p => TrustedAccounts(p.Trust!)).Distinct().Order(StringComparer.Ordinal))
        {
            if (!_byAccount.ContainsKey(account))
            {
                var kind = account == AnyoneAccount ? PrincipalNodeKind.Anyone : PrincipalNodeKind.ExternalAccount;
                _external[account] = new PrincipalNode(nodes.Count, kind, $"arn:aws:iam::{account}:root", account);
                nodes.Add(_external[account]);
            }
        }
        Nodes = nodes;
    }

    public IReadOnlyList<PrincipalNode> Nodes { get; }

    public IReadOnlyList<PrincipalEdge> FindAll()
    {
        foreach (var (account, members) in _byAccount.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var target in members)
            {
                if (_infos[target].Kind == PrincipalNodeKind.Role)
                {
                    AssumeRoleEdges(target);
                    PassRoleEdges(account, target, members);
                }
                TakeoverEdges(account, target, members);
            }
        }
        return _edges;
    }

    private void AssumeRoleEdges(int target)
    {
        var role = _infos[target];
        var trust = role.Trust;
        if (trust is null)
        {
            return;
        }
        var callers = new SortedSet<int>();
        var named = new SortedSet<int>();
        foreach (var statement in trust.Statements.Where(s => s.IsAllow && StatementMatch.AllowNamesAll(s, "sts:AssumeRole")))
        {
            foreach (var principal in statement.Principals.Where(p => p.Type == PolicyPrincipal.Aws))
            {
                var account = AccountOf(principal);
                if (principal.IsEveryone)
                {
                    callers.UnionWith(Enumerable.Range(0, _infos.Length));
                    named.UnionWith(_byAccount.GetValueOrDefault(role.AccountId) ?? []);
                }
                else if (principal.Value.Contains(":user/", StringComparison.Ordinal) || principal.Value.Contains(":role/", StringComparison.Ordinal))
                {
                    if (_byArn.TryGetValue(principal.Value.Trim(), out var index))
                    {
                        named.Add(index);
                    }
                }
                else if (account is not null)
                {
                    callers.UnionWith(_byAccount.GetValueOrDefault(account) ?? []);
                }
            }
        }
        foreach (var caller in callers.Union(named).Where(c => c != target))
        {
            // Trust that delegates to an account needs the caller's own permission: rule most callers out at once.
            if (!named.Contains(caller) && !_infos[caller].Class.Permissions.Can("sts:AssumeRole", $"arn:*:iam::{role.AccountId}:role/*").Allowed)
            {
                continue;
            }
            var answer = Ask(_infos[caller], "sts:AssumeRole", role.Arn, role.AccountId, trust);
            if (answer.Allowed)
            {
                Add(Nodes[caller], Nodes[target], PrincipalEdgeKind.AssumeRole, answer);
            }
        }
        foreach (var account in TrustedAccounts(trust).Where(_external.ContainsKey))
        {
            var outsider = _external[account];
            var session = RequestPrincipal.RoleSession($"arn:aws:iam::{account}:role/outsider");
            // The outside party a trust names is the one its external id was given to: it can pass it.
            var request = new RequestContext("sts:AssumeRole", role.Arn).With("sts:ExternalId", ExternalIdOf(trust));
            var answer = AccessEvaluator.Evaluate(new AccessQuestion(session, request)
            {
                IdentityPolicies = [Unknown], ResourcePolicy = trust, ResourceAccount = role.AccountId, Organization = _organization,
            });
            if (answer.Allowed)
            {
                Add(outsider, Nodes[target], PrincipalEdgeKind.AssumeRole, answer);
            }
        }
    }

    private void PassRoleEdges(string account, int target, List<int> members)
    {
        var role = _infos[target];
        if (role.Trust is null)
        {
            return;
        }
        var services = role.Trust.Statements.Where(s => s.IsAllow).SelectMany(s => s.Principals).Where(p => p.Type == PolicyPrincipal.Service).Select(p => p.Value.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ways = PassRoleTargets.All.Where(w => services.Contains(w.Service) && ServiceMayAssume(w.Service, role)).ToList();
        if (ways.Count == 0)
        {
            return;
        }
        foreach (var caller in members.Where(c => c != target))
        {
            var permissions = _infos[caller].Class.Permissions;
            if (!permissions.Can("iam:PassRole", $"arn:*:iam::{account}:role/*").Allowed)
            {
                continue;
            }
            foreach (var way in ways.Where(w => w.Actions.All(a => permissions.Can(a, "*").Allowed)))
            {
                var answer = Ask(_infos[caller], "iam:PassRole", role.Arn, account, null, ("iam:PassedToService", way.Service));
                if (answer.Allowed)
                {
                    Add(Nodes[caller], Nodes[target], PrincipalEdgeKind.PassRole, answer, $"{way.Service} ({string.Join(" + ", way.Actions)})",
                        role.Trust.Statements.FirstOrDefault(s => s.IsAllow && s.Principals.Any(p => p.Type == PolicyPrincipal.Service && string.Equals(p.Value.Trim(), way.Service, StringComparison.OrdinalIgnoreCase))));
                    break;
                }
            }
        }
    }

    private bool ServiceMayAssume(string service, PrincipalInfo role) =>
        AccessEvaluator.Evaluate(new AccessQuestion(RequestPrincipal.Service(service), new RequestContext("sts:AssumeRole", role.Arn))
        {
            ResourcePolicy = role.Trust, ResourceAccount = role.AccountId, Organization = _organization,
        }).Allowed;

    private void TakeoverEdges(string account, int target, List<int> members)
    {
        var victim = _infos[target];
        string[] actions = victim.Kind == PrincipalNodeKind.User ? UserTakeovers : ["iam:UpdateAssumeRolePolicy"];
        var pattern = $"arn:*:iam::{account}:{(victim.Kind == PrincipalNodeKind.User ? "user" : "role")}/*";
        foreach (var caller in members.Where(c => c != target))
        {
            var permissions = _infos[caller].Class.Permissions;
            foreach (var action in actions.Where(a => permissions.Can(a, pattern).Allowed))
            {
                var answer = Ask(_infos[caller], action, victim.Arn, account, null);
                if (answer.Allowed)
                {
                    Add(Nodes[caller], Nodes[target], Enum.Parse<PrincipalEdgeKind>(action[4..]), answer);
                    break;
                }
            }
        }
    }

    /// <summary>The statement that lets the principal put or attach a policy onto itself, or write a new version of a policy of its account.</summary>
    private PolicyStatement? SelfGrant(PrincipalInfo info)
    {
        var kind = info.Kind == PrincipalNodeKind.User ? "User" : "Role";
        var permissions = info.Class.Permissions;
        foreach (var action in new[] { $"iam:Put{kind}Policy", $"iam:Attach{kind}Policy" })
        {
            if (permissions.Can(action, $"arn:*:iam::{info.AccountId}:*").Allowed && Ask(info, action, info.Arn, info.AccountId, null) is { Allowed: true } answer)
            {
                return Granting(answer, "identity-based policies");
            }
        }
        var version = permissions.Can("iam:CreatePolicyVersion", $"arn:*:iam::{info.AccountId}:policy/*");
        return version.Allowed && version.Allowing.Count > 0 ? version.Allowing[0] : null;
    }

    private AccessAnswer Ask(PrincipalInfo caller, string action, string resource, string resourceAccount, PolicyDocument? resourcePolicy, params (string Key, string Value)[] keys)
    {
        var who = caller.Kind == PrincipalNodeKind.User ? RequestPrincipal.User(caller.Arn) : RequestPrincipal.RoleSession(caller.Arn);
        var request = new RequestContext(action, resource);
        foreach (var (key, value) in keys)
        {
            request.With(key, value);
        }
        var permissions = caller.Class.Permissions;
        return AccessEvaluator.Evaluate(new AccessQuestion(who, request)
        {
            IdentityPolicies = permissions.Policies,
            PermissionsBoundary = permissions.BoundaryPolicy,
            ResourcePolicy = resourcePolicy,
            ResourceAccount = resourceAccount,
            Organization = _organization,
        });
    }

    private void Add(PrincipalNode from, PrincipalNode to, PrincipalEdgeKind kind, AccessAnswer answer, string? service = null, PolicyStatement? trust = null)
    {
        var resource = Granting(answer, "resource-based policy");
        var grant = Granting(answer, "identity-based policies") ?? resource;
        if (grant is null)
        {
            return;
        }
        _edges.Add(new PrincipalEdge(from, to, kind, grant) { Trust = trust ?? resource, Service = service, Conditional = answer.Uncertain });
    }

    private static PolicyStatement? Granting(AccessAnswer answer, string policyType) =>
        answer.Decisions.FirstOrDefault(d => d.PolicyType == policyType && d.Verdict == PolicyVerdict.Allowed)?.Deciding.FirstOrDefault(s => s.IsAllow);

    private static string? ExternalIdOf(PolicyDocument trust) =>
        trust.Statements.SelectMany(s => s.Conditions).FirstOrDefault(c => c.IsKey("sts:ExternalId") && !c.IsNegated && c.Values.Count > 0)?.Values[0];

    /// <summary>The accounts a trust policy lets assume the role (the AnyoneAccount for "*").</summary>
    private static IEnumerable<string> TrustedAccounts(PolicyDocument trust) =>
        trust.Statements.Where(s => s.IsAllow && StatementMatch.AllowNamesAll(s, "sts:AssumeRole"))
            .SelectMany(s => s.Principals).Where(p => p.Type == PolicyPrincipal.Aws)
            .Select(p => p.IsEveryone ? AnyoneAccount : AccountOf(p)).OfType<string>();

    private static string? AccountOf(PolicyPrincipal principal)
    {
        var value = principal.Value.Trim();
        if (value.Length == 12 && value.All(char.IsAsciiDigit))
        {
            return value;
        }
        return value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(':') is { Length: > 5 } parts && parts[4].Length == 12 ? parts[4] : null;
    }
}
