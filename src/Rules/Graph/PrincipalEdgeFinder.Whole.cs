using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>Steps decided at once for every member of a group, or cut for all of them, without asking member by member.</summary>
internal sealed partial class PrincipalEdgeFinder
{
    /// <summary>
    /// Whether the caller's takeovers of the group are decided for all its members at once: the set's grant covers
    /// every one of them and is the same for each holder, but the SCPs over the account judge the principal itself
    /// (a Deny "unless the principal is the break-glass role"). With those conditions judged for this caller, the
    /// SCPs either cover every member (one edge to the group) or refuse every one (none); otherwise, false: member
    /// by member.
    /// </summary>
    private bool TakeOverAllAlone(int caller, int group, string account, string pattern, string[] actions)
    {
        var info = _infos[caller];
        if (_organization is null || info.Class.MemberSpecific)
        {
            return false;
        }
        var who = info.Who;
        var limit = ServiceControlLimit.For(_organization, account, serviceLinked: false, _now, who);
        var refused = 0;
        foreach (var action in actions)
        {
            if (!info.Class.Permissions.Can(action, pattern).OnEveryResource)
            {
                return false;
            }
            if (limit is null || limit.CoversEvery(action, pattern))
            {
                if (Ask(info, action, _infos[_members[group]![0]].Arn, account, null) is { Allowed: true } answer)
                {
                    Add(_nodes[caller], _nodes[group], Enum.Parse<PrincipalEdgeKind>(action[4..]), answer);
                    return true;
                }
                refused++;
            }
            else if (limit.Can(action, pattern).Refusal is { } refusal && refusal.Denying.Any(d => d.Conditions.Count == 0 && StatementMatch.DenyReachesAll(d, pattern)))
            {
                refused++;
            }
        }
        return refused == actions.Length;
    }

    /// <summary>Whether an unconditional Deny of the principal's takes the action away on every resource of the pattern.</summary>
    private static bool DeniedOnEvery(AccessDecision decision, string action, string pattern) =>
        !decision.Allowed && decision.Denying.Any(d => d.Conditions.Count == 0 && StatementMatch.DenyNamesAll(d, action) && StatementMatch.DenyReachesAll(d, pattern));

    /// <summary>
    /// Whether the trust can admit a principal of the estate at all. An Allow for AWS principals under a condition
    /// on <c>sts:ExternalId</c> admits only a caller that passes the id, and only the outside party it was given to
    /// is taken to hold it: no principal of the estate is asked with one (as AWS, unless it was handed the id).
    /// </summary>
    private static bool AdmitsEstatePrincipals(PolicyDocument trust) =>
        trust.Statements.Any(s => s.IsAllow && s.Principals.Any(p => p.Type == PolicyPrincipal.Aws) && StatementMatch.AllowNamesAll(s, "sts:AssumeRole")
            && !s.Conditions.Any(c => c.IsKey("sts:ExternalId") && !c.IsNegated && !c.IfExists && c.Values.Count > 0
                && c.Set != ConditionSetOperator.ForAllValues && !c.BaseOperator.StartsWith("Null", StringComparison.Ordinal)));
}
