using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using static Ocado.Guardrails.Rules.Graph.PrincipalGraphBuilder;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// The roles worth asking about, member by member: where only the caller's own policies can let it assume a role,
/// a role that no Allow of theirs names is refused by AWS whatever else holds, and is not asked.
/// </summary>
internal sealed partial class PrincipalEdgeFinder
{
    private const string AssumeRole = "sts:AssumeRole";

    // Per permission set: the resources its Allows naming sts:AssumeRole reach (null: one of them could reach any role).
    private readonly Dictionary<PermissionClass, AssumeGrants?> _assumeGrants = new(ReferenceEqualityComparer.Instance);

    /// <summary>A set's sts:AssumeRole resources, those that name one account by it (most name a few roles in each of many accounts).</summary>
    private sealed record AssumeGrants(string[] AnyAccount, Dictionary<string, string[]> ByAccount)
    {
        public bool Reach(string arn)
        {
            var literal = Glob.Literal(arn);
            var account = AccountOf(literal);
            return AnyMatches(AnyAccount, literal)
                || (account is null
                    ? ByAccount.Values.Any(patterns => AnyMatches(patterns, literal))
                    : ByAccount.TryGetValue(account, out var named) && AnyMatches(named, literal));
        }

        /// <summary>Whether a pattern matches the ARN: a loop, not a closure for each role asked about.</summary>
        private static bool AnyMatches(string[] patterns, string literal)
        {
            foreach (var pattern in patterns)
            {
                if (Wildcard.ResourceMatches(pattern, literal))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The account segment of an ARN or pattern, when it holds no wildcard (then only that account's ARNs match); else null.</summary>
        public static string? AccountOf(string arn)
        {
            var text = arn.AsSpan().Trim();
            Span<Range> segments = stackalloc Range[7];
            return text.StartsWith("arn:", StringComparison.Ordinal) && text.Split(segments, ':') >= 6 && text[segments[4]] is var account
                && account.IndexOfAny('*', '?') < 0 ? account.ToString() : null;
        }
    }

    /// <summary>
    /// The roles of the group that an Allow of the caller's identity policies names, conditions aside: the others
    /// AWS refuses when the trust admits the caller only through its own policies (another account's caller, or a
    /// trust that names accounts and no one else), so asking about them finds no edge. Every role when the trust
    /// may admit the caller on its own, or when a grant's resource cannot be matched ahead (a NotResource, a policy
    /// variable).
    /// </summary>
    private int[] RolesGranted(PrincipalInfo caller, int[] roles, string callerAccount, string roleAccount, bool trustAlone, bool trustDelegates)
    {
        if (trustAlone || (callerAccount == roleAccount && !trustDelegates) || GrantsOf(caller.Class) is not { } grants)
        {
            return roles;
        }
        return Array.FindAll(roles, role => grants.Reach(_infos[role].Arn));
    }

    private AssumeGrants? GrantsOf(PermissionClass permissions)
    {
        if (!_assumeGrants.TryGetValue(permissions, out var resources))
        {
            var grants = permissions.Permissions.Policies.SelectMany(p => p.Statements).Where(s => s.IsAllow && RequestMatch.NamesAction(s, AssumeRole)).ToList();
            var open = grants.Any(s => s.NotResources.Count > 0 || s.Resources.Any(r => r.Contains("${", StringComparison.Ordinal)));
            var patterns = grants.SelectMany(s => s.Resources).ToLookup(AssumeGrants.AccountOf);
            _assumeGrants[permissions] = resources = open ? null : new AssumeGrants([.. patterns[null]],
                patterns.Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.ToArray(), StringComparer.Ordinal));
        }
        return resources;
    }

    /// <summary>
    /// Whether the trust lets a caller of the role's own account in only through the caller's policies: each Allow
    /// names accounts (<c>123456789012</c>, <c>arn:aws:iam::123456789012:root</c>: a delegation) or services, never
    /// <c>"*"</c>, a user's, role's or session's ARN, nor everyone but some (NotPrincipal).
    /// </summary>
    private static bool DelegatesToAccounts(PolicyDocument trust) =>
        trust.Statements.Where(s => s.IsAllow).All(s => s.NotPrincipals.Count == 0 && s.Principals.All(p => p.Type != PolicyPrincipal.Aws || NamesAccount(p.Value.Trim())));

    private static bool NamesAccount(string value) =>
        Arn.IsAccountId(value) || value.EndsWith(":root", StringComparison.Ordinal);
}
