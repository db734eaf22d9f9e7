using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using static Ocado.Guardrails.Rules.Graph.PrincipalGraphBuilder;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// Decides the graph's edges. Each step is asked of <see cref="AccessEvaluator"/> as the one request AWS
/// would see (the caller's policies and boundary, the role's trust as its resource policy, the
/// organisation's SCPs and RCPs when known). What many principals share is decided once: the principals
/// of an account that hold one permission set form a <see cref="PrincipalNodeKind.Holders"/> group, the
/// roles of an account with the same trust text a <see cref="PrincipalNodeKind.TrustedRoles"/> group, and
/// a caller that may take over every user or role of its account gets one edge to the account's
/// <see cref="PrincipalNodeKind.AccountUsers"/> or <see cref="PrincipalNodeKind.AccountRoles"/> group.
/// A step is decided for a whole group only where the answer cannot differ between its members (the
/// grant covers every such resource, no condition or policy variable names the principal); otherwise
/// member by member, as before.
/// </summary>
internal sealed partial class PrincipalEdgeFinder
{
    private const string AnyoneAccount = "000000000000";

    /// <summary>An outside account's principals hold policies we never saw: the worst case, they allow everything.</summary>
    private static readonly PolicyDocument Unknown = PolicyDocument.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "the outside account's own policies (not seen: taken to allow everything)");

    /// <summary>Text that makes one principal's answer differ from another's with the same policies (sought in one pass over a set's key).</summary>
    private static readonly System.Buffers.SearchValues<string> MemberSpecificText = System.Buffers.SearchValues.Create(
        ["${", "aws:PrincipalArn", "aws:PrincipalTag", "aws:username", "aws:userid", "aws:SourceIdentity", "aws:PrincipalType", "iam:ResourceTag", "aws:ResourceTag"],
        StringComparison.OrdinalIgnoreCase);

    private readonly Organization? _organization;
    private readonly DateTimeOffset _now;
    private readonly PrincipalInfo[] _infos;
    private readonly Dictionary<string, List<int>> _byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PrincipalNode> _external = new(StringComparer.Ordinal);
    private readonly List<PrincipalNode> _nodes = [];
    private readonly List<int[]?> _members = [];
    private readonly List<PrincipalEdge> _edges = [];
    private readonly Dictionary<string, ServiceControlLimit?> _scps = new(StringComparer.Ordinal);
    private readonly int[] _holderOf;
    private readonly Dictionary<string, int[]> _holdersOf = new(StringComparer.Ordinal);
    private readonly int[] _kindGroupOf;
    private readonly int[] _trustGroupOf;

    public PrincipalEdgeFinder(Organization? organization, DateTimeOffset now, IEnumerable<PrincipalInfo> principals)
    {
        _organization = organization;
        _now = now;
        _infos = principals.DistinctBy(p => p.Arn).OrderBy(p => p.Arn, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < _infos.Length; i++)
        {
            var info = _infos[i];
            _byArn[info.Arn] = i;
            (_byAccount.TryGetValue(info.AccountId, out var list) ? list : _byAccount[info.AccountId] = []).Add(i);
            AddNode(new PrincipalNode(i, info.Kind, info.Arn, info.AccountId) { IsAdmin = info.Class.Permissions.AllowsAdmin, SelfGrant = SelfGrant(info) }, null);
        }
        // Outside accounts (and anyone) named by trust policies become nodes after the principals, in a fixed order.
        foreach (var account in _infos.Where(p => p.Trust is not null).SelectMany(p => TrustedAccounts(p.Trust!)).Distinct().Order(StringComparer.Ordinal))
        {
            if (!_byAccount.ContainsKey(account))
            {
                var kind = account == AnyoneAccount ? PrincipalNodeKind.Anyone : PrincipalNodeKind.ExternalAccount;
                _external[account] = AddNode(new PrincipalNode(_nodes.Count, kind, $"arn:aws:iam::{account}:root", account), null);
            }
        }
        _holderOf = new int[_infos.Length];
        _kindGroupOf = new int[_infos.Length];
        _trustGroupOf = Enumerable.Repeat(-1, _infos.Length).ToArray();
        foreach (var (account, members) in _byAccount.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddGroups(account, members);
        }
    }

    public IReadOnlyList<PrincipalNode> Nodes => _nodes;

    public PrincipalGroups Groups => new([.. _members], _holderOf, _kindGroupOf, _trustGroupOf);

    private PrincipalNode AddNode(PrincipalNode node, int[]? members)
    {
        _nodes.Add(node);
        _members.Add(members);
        return node;
    }

    /// <summary>An account's groups: its users, its roles, its roles by trust text, its principals by permission set and kind.</summary>
    private void AddGroups(string account, List<int> members)
    {
        foreach (var kind in new[] { PrincipalNodeKind.User, PrincipalNodeKind.Role })
        {
            var ofKind = members.Where(m => _infos[m].Kind == kind).ToArray();
            var groupKind = kind == PrincipalNodeKind.User ? PrincipalNodeKind.AccountUsers : PrincipalNodeKind.AccountRoles;
            var group = AddNode(new PrincipalNode(_nodes.Count, groupKind, $"{groupKind} {account}", account), ofKind);
            Array.ForEach(ofKind, m => _kindGroupOf[m] = group.Index);
        }
        foreach (var trusted in members.Where(m => _infos[m].Trust is not null).GroupBy(m => _infos[m].TrustText, StringComparer.Ordinal))
        {
            var roles = trusted.ToArray();
            var group = AddNode(new PrincipalNode(_nodes.Count, PrincipalNodeKind.TrustedRoles, $"the trust policy of {NameOf(roles[0])}", account), roles);
            Array.ForEach(roles, m => _trustGroupOf[m] = group.Index);
        }
        foreach (var holding in members.GroupBy(m => (_infos[m].Class, _infos[m].Kind)))
        {
            var holders = holding.ToArray();
            var group = AddNode(new PrincipalNode(_nodes.Count, PrincipalNodeKind.Holders, $"the permission set of {NameOf(holders[0])}", account), holders);
            Array.ForEach(holders, m => _holderOf[m] = group.Index);
        }
        _holdersOf[account] = members.Select(m => _holderOf[m]).Distinct().ToArray();
    }

    private string NameOf(int principal) => _infos[principal].Arn.Split(':', 6) is [.., var name] ? name : _infos[principal].Arn;

    public IReadOnlyList<PrincipalEdge> FindAll()
    {
        foreach (var (account, members) in _byAccount.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            TakeoverEdges(account, members);
            foreach (var group in members.Where(m => _trustGroupOf[m] >= 0).Select(m => _trustGroupOf[m]).Distinct())
            {
                AssumeRoleEdges(account, group);
                PassRoleEdges(account, group);
            }
        }
        return _edges;
    }

    /// <summary>The statement that lets the principal put or attach a policy onto itself, or write a new version of a policy of its account.</summary>
    private PolicyStatement? SelfGrant(PrincipalInfo info)
    {
        var permissions = info.Class.Permissions;
        var (anything, policies) = SelfGrantPatterns(info.AccountId);
        foreach (var action in info.Kind == PrincipalNodeKind.User ? UserSelfGrants : RoleSelfGrants)
        {
            if (permissions.Can(action, anything).Allowed && Ask(info, action, info.Arn, info.AccountId, null) is { Allowed: true } answer)
            {
                return Granting(answer, "identity-based policies");
            }
        }
        var version = permissions.Can("iam:CreatePolicyVersion", policies);
        return version.Allowed && version.Allowing.Count > 0 ? version.Allowing[0] : null;
    }

    private static readonly string[] UserSelfGrants = ["iam:PutUserPolicy", "iam:AttachUserPolicy"];
    private static readonly string[] RoleSelfGrants = ["iam:PutRolePolicy", "iam:AttachRolePolicy"];

    /// <summary>The account's IAM resources and its policies as patterns, written once per account, not for each of its principals.</summary>
    private (string Anything, string Policies) SelfGrantPatterns(string account)
    {
        if (!_selfGrantPatterns.TryGetValue(account, out var patterns))
        {
            _selfGrantPatterns[account] = patterns = ($"arn:*:iam::{account}:*", $"arn:*:iam::{account}:policy/*");
        }
        return patterns;
    }

    private readonly Dictionary<string, (string Anything, string Policies)> _selfGrantPatterns = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a decision on a pattern holds for every resource it matches, within the SCPs over the
    /// caller's account too, and the same for every member of a group (nothing names the principal or the
    /// resource). A condition on anything else (MFA, the source address, the time) is judged alike for every
    /// member: the representative's answer, conditional or not, is theirs.
    /// </summary>
    /// <param name="trustSpecific">Whether the role's trust names what tells members apart (<see cref="IsMemberSpecific"/> of its text).</param>
    private bool Covers(AccessDecision decision, string callerAccount, string action, string pattern, PrincipalInfo caller, bool trustSpecific = false) =>
        decision is { Allowed: true, OnEveryResource: true }
        && !caller.Class.MemberSpecific && !trustSpecific
        && (Scp(callerAccount) is not { } limit || limit.CoversEvery(action, pattern));

    internal static bool IsMemberSpecific(string? text) =>
        text is not null && text.AsSpan().ContainsAny(MemberSpecificText);

    /// <summary>
    /// Every user (or role) of the account, in its principals' partition: a grant on <c>arn:aws:iam::*:role/*</c>
    /// covers each of them, which it would not if the pattern left the partition open.
    /// </summary>
    private string Pattern(string account, string kind)
    {
        if (!_patterns.TryGetValue((account, kind), out var pattern))
        {
            var partition = _byAccount.TryGetValue(account, out var members) && _infos[members[0]].Arn.Split(':') is [_, var known, ..] ? known : "aws";
            _patterns[(account, kind)] = pattern = $"arn:{partition}:iam::{account}:{kind}/*";
        }
        return pattern;
    }

    // Written once per account and kind, not for each trust group of the account.
    private readonly Dictionary<(string Account, string Kind), string> _patterns = [];

    private ServiceControlLimit? Scp(string account)
    {
        if (_organization is null)
        {
            return null;
        }
        if (!_scps.TryGetValue(account, out var limit))
        {
            _scps[account] = limit = ServiceControlLimit.For(_organization, account, serviceLinked: false, _now);
        }
        return limit;
    }

    private AccessAnswer Ask(PrincipalInfo caller, string action, string resource, string resourceAccount, PolicyDocument? resourcePolicy, params (string Key, string Value)[] keys)
    {
        var who = caller.Who;
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
        AddStep(from, to, kind, grant, trust ?? resource, answer.Uncertain, service);
    }

    /// <summary>
    /// An edge granted by the statement, with the trust statement that admits the caller. sts:AssumeRole needs the
    /// role's trust to admit the caller whatever the caller's own policies say: without a trust statement, no edge.
    /// </summary>
    private void AddStep(PrincipalNode from, PrincipalNode to, PrincipalEdgeKind kind, PolicyStatement? grant, PolicyStatement? trust, bool conditional, string? service = null)
    {
        if (grant is null || (kind == PrincipalEdgeKind.AssumeRole && trust is null))
        {
            return;
        }
        _edges.Add(new PrincipalEdge(from, to, kind, grant) { Trust = trust, Service = service, Conditional = conditional });
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
        if (Arn.IsAccountId(value))
        {
            return value;
        }
        return value.StartsWith("arn:", StringComparison.Ordinal) && value.Split(':') is { Length: > 5 } parts && parts[4].Length == 12 ? parts[4] : null;
    }
}

/// <summary>
/// The groups of the graph: each group node's members (null for any other node), and for each principal
/// its Holders group, its account's users-or-roles group and its trust group (-1: none).
/// </summary>
internal sealed record PrincipalGroups(int[]?[] Members, int[] HolderOf, int[] KindGroupOf, int[] TrustGroupOf);
