using Ocado.Guardrails.Rules.Policies;
using static Ocado.Guardrails.Rules.Graph.PrincipalGraphBuilder;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>The three kinds of step: takeovers within an account, sts:AssumeRole, iam:PassRole into a service.</summary>
internal sealed partial class PrincipalEdgeFinder
{
    private static readonly string[] UserTakeovers = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"];
    private static readonly string[] RoleTakeovers = ["iam:UpdateAssumeRolePolicy"];

    /// <summary>
    /// Credential and trust takeovers of the account's other users and roles: a permission set that may take
    /// over every one of a kind gets one edge to the account's group of that kind; otherwise member by member.
    /// </summary>
    private void TakeoverEdges(string account, List<int> members)
    {
        foreach (var victims in new[] { PrincipalNodeKind.AccountUsers, PrincipalNodeKind.AccountRoles })
        {
            var group = members.Select(m => _kindGroupOf[m]).FirstOrDefault(g => _nodes[g].Kind == victims, -1);
            if (group < 0)
            {
                continue;
            }
            var targets = _members[group]!;
            var pattern = Pattern(account, victims == PrincipalNodeKind.AccountUsers ? "user" : "role");
            var takeovers = victims == PrincipalNodeKind.AccountUsers ? UserTakeovers : RoleTakeovers;
            foreach (var holders in _holdersOf[account])
            {
                var callers = _members[holders]!;
                var representative = _infos[callers[0]];
                var actions = takeovers.Where(a => representative.Class.Permissions.Can(a, pattern).Allowed).ToArray();
                if (actions.Length == 0 || TakeOverAll(holders, group, account, pattern, actions))
                {
                    continue;
                }
                foreach (var caller in callers)
                {
                    if (TakeOverAllAlone(caller, group, account, pattern, actions))
                    {
                        continue;
                    }
                    foreach (var target in targets.Where(t => t != caller))
                    {
                        foreach (var action in actions)
                        {
                            if (Ask(_infos[caller], action, _infos[target].Arn, account, null) is { Allowed: true } one)
                            {
                                Add(_nodes[caller], _nodes[target], Enum.Parse<PrincipalEdgeKind>(action[4..]), one);
                                break;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>One edge from the permission set's holders to every user (or role) of the account, when the set may take over each.</summary>
    private bool TakeOverAll(int holders, int group, string account, string pattern, string[] actions)
    {
        var representative = _infos[_members[holders]![0]];
        foreach (var action in actions)
        {
            if (Covers(representative.Class.Permissions.Can(action, pattern), account, action, pattern, representative)
                && Ask(representative, action, _infos[_members[group]![0]].Arn, account, null) is { Allowed: true } answer)
            {
                Add(_nodes[holders], _nodes[group], Enum.Parse<PrincipalEdgeKind>(action[4..]), answer);
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// sts:AssumeRole into the roles of one trust group: the principals its trust names by ARN one by one;
    /// the principals of the accounts it names (every account, for "*") one permission set at a time; and
    /// the accounts outside the estate it names, which hold every permission.
    /// </summary>
    private void AssumeRoleEdges(string account, int group)
    {
        var roles = _members[group]!;
        var first = _infos[roles[0]];
        var trust = first.Trust!;
        var named = new SortedSet<int>();
        var accounts = new SortedSet<string>(StringComparer.Ordinal);
        var anyone = false;
        foreach (var statement in trust.Statements.Where(s => s.IsAllow && StatementMatch.AllowNamesAll(s, "sts:AssumeRole")))
        {
            foreach (var principal in statement.Principals.Where(p => p.Type == PolicyPrincipal.Aws))
            {
                if (principal.IsEveryone)
                {
                    anyone = true;
                }
                else if (principal.Value.Contains(":user/", StringComparison.Ordinal) || principal.Value.Contains(":role/", StringComparison.Ordinal))
                {
                    if (_byArn.TryGetValue(principal.Value.Trim(), out var index))
                    {
                        named.Add(index);
                    }
                }
                else if (AccountOf(principal) is { } trusted)
                {
                    accounts.Add(trusted);
                }
            }
        }
        if (!AdmitsEstatePrincipals(trust))
        {
            named.Clear();
            accounts.Clear();
            anyone = false;
        }
        foreach (var caller in named)
        {
            foreach (var role in roles.Where(r => r != caller))
            {
                if (Ask(_infos[caller], "sts:AssumeRole", _infos[role].Arn, account, _infos[role].Trust) is { Allowed: true } answer)
                {
                    Add(_nodes[caller], _nodes[role], PrincipalEdgeKind.AssumeRole, answer);
                }
            }
        }
        var pattern = Pattern(account, "role");
        // The trust is the group's: whether it tells members apart is asked once, not for each permission set of each account.
        var trustSpecific = IsMemberSpecific(first.TrustText);
        bool? delegates = null;
        foreach (var callerAccount in anyone ? _byAccount.Keys.Order(StringComparer.Ordinal) : accounts.Where(_byAccount.ContainsKey))
        {
            // Within the account a trust of "*" allows on its own: no permission of the caller's is needed.
            var trustAlone = anyone && callerAccount == account;
            foreach (var holders in _holdersOf[callerAccount])
            {
                var callers = _members[holders]!;
                var representative = _infos[callers[0]];
                // Most permission sets name sts:AssumeRole on no role at all: asked once per set, not once per account.
                if (!trustAlone && !AssumesSomeRole(holders, representative))
                {
                    continue;
                }
                var decision = representative.Class.Permissions.Can("sts:AssumeRole", pattern);
                if (!trustAlone && !decision.Allowed)
                {
                    continue;
                }
                var shared = SharedAssume(decision, trustAlone, callerAccount, pattern, representative, trustSpecific);
                if (shared && !named.Contains(callers[0]))
                {
                    AddSharedAssume(holders, group, representative, first, account);
                    continue;
                }
                if (DeniedOnEvery(decision, "sts:AssumeRole", pattern))
                {
                    continue;
                }
                var granted = shared ? roles[..1] : RolesGranted(representative, roles, callerAccount, account, trustAlone, delegates ??= DelegatesToAccounts(trust));
                foreach (var caller in (shared ? callers[..1] : callers).Where(c => !named.Contains(c)))
                {
                    foreach (var role in shared ? granted : granted.Where(r => r != caller))
                    {
                        if (Ask(_infos[caller], "sts:AssumeRole", _infos[role].Arn, account, _infos[role].Trust) is { Allowed: true } answer)
                        {
                            Add(shared ? _nodes[holders] : _nodes[caller], shared ? _nodes[group] : _nodes[role], PrincipalEdgeKind.AssumeRole, answer);
                        }
                    }
                }
            }
        }
        foreach (var outside in TrustedAccounts(trust).Where(_external.ContainsKey).Distinct().Order(StringComparer.Ordinal))
        {
            // The outside party a trust names is the one its external id was given to: it can pass it.
            var session = RequestPrincipal.RoleSession($"arn:aws:iam::{outside}:role/outsider");
            var request = new RequestContext("sts:AssumeRole", first.Arn).With("sts:ExternalId", ExternalIdOf(trust));
            var answer = AccessEvaluator.Evaluate(new AccessQuestion(session, request)
            {
                IdentityPolicies = [Unknown], ResourcePolicy = trust, ResourceAccount = account, Organization = _organization,
            });
            if (answer.Allowed)
            {
                // The same trust text admits the same outsiders into every role of the group (unless it names a resource's tags).
                foreach (var role in trustSpecific ? roles : [group])
                {
                    Add(_external[outside], _nodes[role], PrincipalEdgeKind.AssumeRole, answer);
                }
            }
        }
    }

    /// <summary>
    /// Whether the holders' permission set allows sts:AssumeRole on some role at all: asked for every trust group of
    /// every account, answered once per holders group (a number looked up, not the question's two texts hashed).
    /// </summary>
    private bool AssumesSomeRole(int holders, PrincipalInfo representative)
    {
        if (!_assumesSomeRole.TryGetValue(holders, out var allowed))
        {
            _assumesSomeRole[holders] = allowed = representative.Class.Permissions.Can("sts:AssumeRole", "arn:*:iam::*:role/*").Allowed;
        }
        return allowed;
    }

    private readonly Dictionary<int, bool> _assumesSomeRole = [];

    /// <summary>iam:PassRole of the group's roles into a service their trust admits, by the account's principals that can make it run.</summary>
    private void PassRoleEdges(string account, int group)
    {
        var roles = _members[group]!;
        var first = _infos[roles[0]];
        var services = first.Trust!.Statements.Where(s => s.IsAllow).SelectMany(s => s.Principals).Where(p => p.Type == PolicyPrincipal.Service)
            .Select(p => p.Value.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ways = PassRoleTargets.All.Where(w => services.Contains(w.Service) && ServiceMayAssume(w.Service, first)).ToList();
        if (ways.Count == 0)
        {
            return;
        }
        var pattern = Pattern(account, "role");
        var trustSpecific = IsMemberSpecific(first.TrustText);
        foreach (var holders in _holdersOf[account])
        {
            var callers = _members[holders]!;
            var representative = _infos[callers[0]];
            var permissions = representative.Class.Permissions;
            var decision = permissions.Can("iam:PassRole", pattern);
            if (!decision.Allowed)
            {
                continue;
            }
            var shared = Covers(decision, account, "iam:PassRole", pattern, representative, trustSpecific);
            foreach (var way in ways.Where(w => w.Actions.All(a => permissions.Can(a, "*").Allowed)))
            {
                var trust = first.Trust.Statements.FirstOrDefault(s => s.IsAllow && s.Principals.Any(p => p.Type == PolicyPrincipal.Service && string.Equals(p.Value.Trim(), way.Service, StringComparison.OrdinalIgnoreCase)));
                var service = $"{way.Service} ({string.Join(" + ", way.Actions)})";
                if (shared)
                {
                    if (Ask(representative, "iam:PassRole", first.Arn, account, null, ("iam:PassedToService", way.Service)) is { Allowed: true } answer)
                    {
                        Add(_nodes[holders], _nodes[group], PrincipalEdgeKind.PassRole, answer, service, trust);
                        break;
                    }
                    continue;
                }
                var any = false;
                foreach (var caller in callers)
                {
                    foreach (var role in roles.Where(r => r != caller))
                    {
                        if (Ask(_infos[caller], "iam:PassRole", _infos[role].Arn, account, null, ("iam:PassedToService", way.Service)) is { Allowed: true } one)
                        {
                            Add(_nodes[caller], _nodes[role], PrincipalEdgeKind.PassRole, one, service,
                                _infos[role].Trust!.Statements.FirstOrDefault(s => s.Index == trust?.Index));
                            any = true;
                        }
                    }
                }
                if (any)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Whether a permission set's holders are all answered alike for every role of a trust group: the grant
    /// covers every role of the account, or (a trust of "*" within its account) no statement of theirs names
    /// sts:AssumeRole at all; and neither the set nor the trust names the principal or the resource.
    /// </summary>
    private bool SharedAssume(AccessDecision decision, bool trustAlone, string callerAccount, string pattern, PrincipalInfo representative, bool trustSpecific)
    {
        if (Covers(decision, callerAccount, "sts:AssumeRole", pattern, representative, trustSpecific))
        {
            return true;
        }
        return trustAlone && decision is { Allowing.Count: 0, Denying.Count: 0, ConditionalDenials.Count: 0 }
            && !representative.Class.MemberSpecific && !trustSpecific
            && (Scp(callerAccount) is not { } limit || limit.Can("sts:AssumeRole", pattern).Refusal is null);
    }

    private bool ServiceMayAssume(string service, PrincipalInfo role) =>
        AccessEvaluator.Evaluate(new AccessQuestion(RequestPrincipal.Service(service), new RequestContext("sts:AssumeRole", role.Arn))
        {
            ResourcePolicy = role.Trust, ResourceAccount = role.AccountId, Organization = _organization,
        }).Allowed;
}
