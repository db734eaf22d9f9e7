using Ocado.Guardrails.Rules.Organizations;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The SCPs over one principal's account, level by level from the root down to the account, asked the
/// pattern questions of <see cref="PermissionSet"/>: an action is within them when every level that has
/// SCPs allows it and no SCP surely denies it. A Deny under a condition we cannot judge denies nothing (the
/// grant stands, marked conditional), as in the principal's own policies.
/// See https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
/// </summary>
public sealed class ServiceControlLimit
{
    private readonly (OrganizationTarget Level, PermissionSet Policies)[] _levels;

    private ServiceControlLimit(string organizationId, (OrganizationTarget, PermissionSet)[] levels) =>
        (OrganizationId, _levels) = (organizationId, levels);

    public string OrganizationId { get; }

    /// <summary>The levels and the statements that apply at each, as text: limits with the same key answer alike.</summary>
    internal string SharingKey => _sharingKey ??= OrganizationId + "\u001c" + string.Join("\u001c",
        _levels.Select(l => l.Level.Id + "\u001e" + string.Join("\u001f", l.Policies.Policies.SelectMany(p => p.Statements).Select(s => s.Json))));

    private string? _sharingKey;

    /// <summary>Keys whose value the principal alone decides, whatever it asks: known before any request.</summary>
    private static readonly string[] PrincipalKeys =
        ["aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:username"];

    /// <summary>
    /// The SCPs over a principal of <paramref name="accountId"/>, or null when none apply: the account is not a
    /// member, it is the management account, or the principal is a service-linked role.
    /// </summary>
    /// <param name="principal">
    /// Who the principal is (its ARN, type, account): the SCPs' conditions on what only the principal decides
    /// (<c>aws:PrincipalArn</c>, <c>aws:PrincipalAccount</c>, ...) are judged against it, so that a Deny "unless the
    /// principal is the break-glass role" denies every other principal. Null: left undecided (conditional).
    /// </param>
    public static ServiceControlLimit? For(Organization organization, string accountId, bool serviceLinked, DateTimeOffset now, RequestPrincipal? principal = null)
    {
        if (!organization.IsMember(accountId) || accountId == organization.ManagementAccountId || serviceLinked)
        {
            return null;
        }
        // Asked for every principal: the SCPs over an account are read once, and decided once per principal only where
        // they hold a condition on the principal's own keys; principals for which every such condition comes out alike
        // (most of an account's) share one limit, and the answers it works out.
        var byPrincipal = principal is not null && organization.PathOf(accountId).Any(level => level.ServiceControlPolicies.Any(NamesPrincipalKeys));
        var limits = Limits.GetValue(organization, static _ => new());
        if (!byPrincipal)
        {
            return Engine.SharedData.GetOrAdd(limits, (accountId, now, (string?)null),
                static (_, state) => Limit(state.organization, state.now, LevelsOf(state.organization, state.accountId, null, null)), (organization, accountId, now));
        }
        var outcomes = new System.Text.StringBuilder();
        var levels = LevelsOf(organization, accountId, principal, outcomes);
        return Engine.SharedData.GetOrAdd(limits, (accountId, now, (string?)outcomes.ToString()), static (_, state) => Limit(state.organization, state.now, state.levels), (organization, now, levels));
    }

    /// <summary>
    /// Per (account, clock, how each SCP statement came out for the principal: see <see cref="Decided"/>), the limit.
    /// Equal outcomes give equal policies, so the limit is the same whoever asked first.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Organization,
        System.Collections.Concurrent.ConcurrentDictionary<(string Account, DateTimeOffset Now, string? Outcomes), ServiceControlLimit>> Limits = new();

    private static bool NamesPrincipalKeys(PolicyDocument policy) =>
        policy.Statements.Any(s => s.Conditions.Any(c => PrincipalKeys.Any(c.IsKey)));

    private static ServiceControlLimit Limit(Organization organization, DateTimeOffset now, (OrganizationTarget Level, PolicyDocument[] Policies)[] levels) =>
        new(organization.Id, [.. levels.Select(l => (l.Level, new PermissionSet(l.Policies, now)))]);

    /// <summary>
    /// The SCPs of each level over the account, decided for the principal (see <see cref="Decided"/>), writing into
    /// <paramref name="outcomes"/> how each statement came out.
    /// </summary>
    private static (OrganizationTarget Level, PolicyDocument[] Policies)[] LevelsOf(Organization organization, string accountId, RequestPrincipal? principal,
        System.Text.StringBuilder? outcomes) =>
        // A level with no SCP attached is one we were not shown (AWS always attaches at least one): it restricts nothing we know of.
        [.. organization.PathOf(accountId)
            .Where(level => level.ServiceControlPolicies.Count > 0)
            .Select(level => (level, level.ServiceControlPolicies.Select(p => Decided(p, principal, organization, outcomes)).ToArray()))];

    /// <summary>
    /// The policy with the conditions on the principal's own keys judged: a statement whose such test is false can
    /// never apply to it and goes; a test that holds is taken out; every other condition stays for later. Into
    /// <paramref name="outcomes"/>: per statement, gone (<c>x</c>), kept whole (<c>k</c>) or the conditions kept, by
    /// position; per policy, <c>;</c>. The same outcomes over the same SCPs give the same policies.
    /// </summary>
    private static PolicyDocument Decided(PolicyDocument policy, RequestPrincipal? principal, Organization organization, System.Text.StringBuilder? outcomes)
    {
        if (principal is null || policy.Statements.All(s => s.Conditions.Count == 0))
        {
            outcomes?.Append("k;");
            return policy;
        }
        var keys = principal.Describe(new RequestContext("*", "*")).With("aws:PrincipalOrgID", organization.Id);
        if (organization.OrgPathOf(principal.AccountId) is { } path)
        {
            keys.WithValues("aws:PrincipalOrgPaths", path);
        }
        var statements = new List<PolicyStatement>();
        foreach (var statement in policy.Statements)
        {
            var remaining = new List<PolicyCondition>();
            var kept = new List<int>();
            var applies = true;
            for (var i = 0; i < statement.Conditions.Count; i++)
            {
                var condition = statement.Conditions[i];
                // A value with a policy variable may name a key of the request, which is not known yet.
                var decidable = PrincipalKeys.Any(condition.IsKey) && !condition.Values.Any(v => v.Contains("${", StringComparison.Ordinal));
                var outcome = decidable ? ConditionEvaluator.Evaluate(condition, keys) : null;
                applies &= outcome != false;
                if (outcome is null)
                {
                    remaining.Add(condition);
                    kept.Add(i);
                }
            }
            if (!applies)
            {
                outcomes?.Append('x');
            }
            else if (remaining.Count == statement.Conditions.Count)
            {
                outcomes?.Append('k');
                statements.Add(statement);
            }
            else
            {
                outcomes?.Append('(').AppendJoin(',', kept).Append(')');
                statements.Add(statement.WithConditions(remaining));
            }
        }
        outcomes?.Append(';');
        return policy.WithStatements(statements);
    }

    /// <summary>
    /// The SCPs' answer: allowed when every level allows it; else the level that does not, with its decision. A Deny
    /// takes a question away only when it names all of it: "every action" less organizations:LeaveOrganization is
    /// still administrator access within the organisation, as AWS's own guardrails intend (a finding stands unless
    /// the SCPs surely remove all of it).
    /// </summary>
    public (AccessDecision? Refusal, OrganizationTarget? Level, bool Conditional) Can(string action, string resourcePattern)
    {
        var conditional = false;
        foreach (var (level, policies) in _levels)
        {
            var decision = policies.Can(action, resourcePattern);
            var partlyDenied = decision.Allowing.Count > 0 && decision.Denying.Count > 0 && !decision.Denying.Any(d => StatementMatch.DenyNamesAll(d, action));
            if (!decision.Allowed && !partlyDenied)
            {
                return (decision, level, false);
            }
            conditional |= decision.Conditional;
        }
        return (null, null, conditional);
    }

    /// <summary>
    /// Whether the SCPs allow the action alike on every resource the pattern matches: no Deny of any part of it
    /// (a Deny that protects one role), and no condition that tells the resources apart (see
    /// <see cref="PermissionSet.AllowsAlikeOnEvery"/>). A condition left to judge is judged alike for every such resource.
    /// </summary>
    public bool CoversEvery(string action, string resourcePattern) =>
        // Asked by the principal graph for every permission set of the caller's account and every trust group: once each.
        _covers.GetOrAdd((action, resourcePattern), static (key, levels) => levels.All(l => l.Policies.AllowsAlikeOnEvery(key.Action, key.Pattern)), _levels);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Action, string Pattern), bool> _covers = new();
}
