namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Privilege escalation as data: the known methods (<see cref="Methods"/>) checked against a
/// principal's effective permissions.
/// </summary>
public static class PrivilegeEscalation
{
    /// <summary>Every method we look for: Rhino Security Labs' 28, then the pathfinding.cloud paths.</summary>
    public static IReadOnlyList<EscalationMethod> Methods => EscalationMethodTable.All;

    /// <summary>
    /// Any resource of an account, in any partition, service and region: a permission granted only on
    /// resources that cannot be in the account (<c>arn:aws:iam::aws:policy/...</c>, AWS's own namespace)
    /// reaches no target there.
    /// </summary>
    public static string TargetPattern(string accountId) => $"arn:*:*:*:{accountId}:*";

    /// <summary>
    /// The methods whose every permission is allowed (not denied) on some resource that can be in the
    /// account; conditions we cannot judge leave a method in, marked conditional.
    /// </summary>
    public static IReadOnlyList<EscalationMatch> Find(PermissionSet permissions, string accountId) =>
        // Decided once per permission set: the principals sharing it complete the same methods.
        permissions.Remember((Question: nameof(Find), Account: accountId), static (set, key) => FindIn(set, key.Account));

    private static IReadOnlyList<EscalationMatch> FindIn(PermissionSet permissions, string accountId)
    {
        var target = TargetPattern(accountId);
        var matches = new List<EscalationMatch>();
        foreach (var method in Methods)
        {
            // Most principals lack most methods: stop at the first permission that is not allowed.
            if (AllowsEvery(permissions, method.Permissions, target))
            {
                matches.Add(new EscalationMatch(method, method.Permissions.Select(p => permissions.Can(p, target)).ToList()));
            }
        }
        return matches;
    }

    /// <summary>
    /// The methods the principal's own policies (within its boundary) would complete but the organisation's
    /// SCPs prevent: every permission allowed, or allowed but for the SCPs, and at least one of the latter.
    /// Empty when no SCPs apply to the principal.
    /// </summary>
    public static IReadOnlyList<EscalationMatch> PreventedByServiceControl(PermissionSet permissions, string accountId) =>
        permissions.Remember((Question: nameof(PreventedByServiceControl), Account: accountId), static (set, key) => PreventedIn(set, key.Account));

    private static IReadOnlyList<EscalationMatch> PreventedIn(PermissionSet permissions, string accountId)
    {
        if (permissions.ServiceControl is null)
        {
            return [];
        }
        var target = TargetPattern(accountId);
        var prevented = new List<EscalationMatch>();
        foreach (var method in Methods)
        {
            var decisions = new List<AccessDecision>();
            foreach (var action in method.Permissions)
            {
                var decision = permissions.Can(action, target);
                if (!decision.Allowed && !decision.OutsideServiceControl)
                {
                    break;
                }
                decisions.Add(decision);
            }
            if (decisions.Count == method.Permissions.Count && decisions.Any(d => d.OutsideServiceControl))
            {
                prevented.Add(new EscalationMatch(method, decisions));
            }
        }
        return prevented;
    }

    /// <summary>The SCPs that prevent the methods, for a message: "action (denied by ...)" once per action.</summary>
    public static string DescribePrevention(IReadOnlyList<EscalationMatch> prevented) =>
        string.Join("; ", prevented.SelectMany(m => m.Decisions).Where(d => d.OutsideServiceControl)
            .Select(d => d.Describe()).Distinct(StringComparer.Ordinal).Take(3));

    /// <summary>The Allow statements that grant the matches' permissions, each once: what to narrow.</summary>
    public static IReadOnlyList<PolicyStatement> Statements(IEnumerable<EscalationMatch> matches) =>
        matches.SelectMany(m => m.Decisions).SelectMany(d => d.Allowing).Distinct().ToList();

    private static bool AllowsEvery(PermissionSet permissions, IReadOnlyList<string> actions, string target)
    {
        foreach (var action in actions)
        {
            if (!permissions.Can(action, target).Allowed)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The first few matches, for a message: "method (source: permissions), granted by ...; and N more".
    /// Methods that need the same permissions as one already named (a pathfinding path that repeats a
    /// Rhino method) are left out of the text.
    /// </summary>
    public static string Describe(IReadOnlyList<EscalationMatch> matches, int shown = 3)
    {
        var distinct = matches
            .GroupBy(m => string.Join("+", m.Method.Permissions.Select(p => p.ToUpperInvariant()).Order(StringComparer.Ordinal)))
            .Select(g => g.First())
            .ToList();
        var text = string.Join("; ", distinct.Take(shown).Select(m => m.Describe()));
        return distinct.Count > shown ? $"{text}; and {distinct.Count - shown} more method(s)" : text;
    }
}
