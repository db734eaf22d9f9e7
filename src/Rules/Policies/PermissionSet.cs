namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The effective identity-based permissions of one principal: all its policies combined, judged by
/// AWS's evaluation logic (an explicit Deny wins over any Allow; no Allow means implicit deny), with
/// conditions judged against the scan's clock.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
/// </summary>
public sealed class PermissionSet
{
    private readonly (PolicyStatement Statement, ConditionOutcome Outcome)[] _statements;

    // The services the statements name (iam, s3, ...), or null when one could name any (*, NotAction):
    // a question about another service meets no statement, and is answered without looking.
    private readonly HashSet<string>? _services;

    // Escalation methods ask about the same actions again and again (iam:PassRole is in dozens).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Action, string Resource), AccessDecision> _decisions = new();

    /// <param name="policies">Every policy of the principal (inline, managed, its groups').</param>
    /// <param name="now">The scan's clock, for date conditions.</param>
    /// <param name="unresolved">Policies the principal has that could not be read (not in the inventory): what we did not judge.</param>
    public PermissionSet(IEnumerable<PolicyDocument> policies, DateTimeOffset now, IEnumerable<string>? unresolved = null)
    {
        // Shared by every rule that asks about the principal: immutable (see Frozen).
        Policies = Frozen.List(policies.ToArray());
        Unresolved = Frozen.List(unresolved?.ToArray());
        _statements = Policies.SelectMany(p => p.Statements)
            .Select(s => (s, ConditionJudge.Judge(s, now)))
            .ToArray();
        _services = ServicesNamed(_statements.Select(s => s.Statement));
    }

    private static HashSet<string>? ServicesNamed(IEnumerable<PolicyStatement> statements)
    {
        var services = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var statement in statements)
        {
            if (statement.NotActions.Count > 0)
            {
                return null;
            }
            foreach (var action in statement.Actions)
            {
                if (!TryServiceOf(action, out var service))
                {
                    return null;
                }
                services.Add(service.ToString());
            }
        }
        return services;
    }

    /// <summary>The service prefix of an action; false when it has none or a wildcard stands in it.</summary>
    private static bool TryServiceOf(string action, out ReadOnlySpan<char> service)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        service = colon < 0 ? default : action.AsSpan(0, colon).Trim();
        return !service.IsEmpty && service.IndexOfAny('*', '?') < 0;
    }

    public IReadOnlyList<PolicyDocument> Policies { get; }

    /// <summary>Names of attached policies or groups that were not found, so were not judged.</summary>
    public IReadOnlyList<string> Unresolved { get; }

    /// <summary>Every action on every resource, with nothing denied: administrator access.</summary>
    public AccessDecision Admin => Can("*", "*");

    /// <summary>Whether the principal is an administrator (see <see cref="Admin"/> for why).</summary>
    public bool AllowsAdmin => Admin.Allowed;

    /// <summary>
    /// Whether the principal may perform <paramref name="action"/> (every action it names, when it is a
    /// pattern) on at least one resource that <paramref name="resourcePattern"/> matches.
    /// </summary>
    public AccessDecision Can(string action, string resourcePattern = "*") =>
        _decisions.GetOrAdd((action, resourcePattern), static (key, self) => self.Decide(key.Action, key.Resource), this);

    private AccessDecision Decide(string action, string resourcePattern)
    {
        if (_services is not null && TryServiceOf(action, out var service) && !_services.GetAlternateLookup<ReadOnlySpan<char>>().Contains(service))
        {
            return new AccessDecision(action, resourcePattern, false, false, false, [], [], []);
        }
        // Most questions meet no statement at all: the lists are made only when one is met.
        List<PolicyStatement>? allowing = null;
        List<PolicyStatement>? denying = null;
        List<PolicyStatement>? conditionalDenials = null;
        var unconditional = false;
        var covering = false;
        var partlyDenied = false;
        foreach (var (statement, outcome) in _statements)
        {
            if (outcome == ConditionOutcome.AlwaysFalse)
            {
                continue;
            }
            if (statement.IsAllow)
            {
                if (AllowNamesAll(statement, action) && AllowReachesSome(statement, resourcePattern))
                {
                    (allowing ??= []).Add(statement);
                    unconditional |= outcome == ConditionOutcome.AlwaysTrue;
                    covering |= AllowReachesAll(statement, resourcePattern);
                }
            }
            else if (DenyNamesSome(statement, action))
            {
                if (DenyReachesAll(statement, resourcePattern))
                {
                    if (outcome == ConditionOutcome.AlwaysTrue)
                    {
                        (denying ??= []).Add(statement);
                    }
                    else
                    {
                        (conditionalDenials ??= []).Add(statement);
                    }
                }
                partlyDenied |= DenyReachesSome(statement, resourcePattern);
            }
        }
        var allowed = allowing is not null && denying is null;
        var conditional = allowed && (!unconditional || conditionalDenials is not null);
        return new AccessDecision(
            action, resourcePattern, allowed, conditional, allowed && covering && !partlyDenied,
            allowing ?? [], denying ?? [], conditionalDenials ?? []);
    }

    private static bool AllowNamesAll(PolicyStatement s, string action) =>
        s.NotActions.Count > 0
            ? !s.NotActions.Any(p => Wildcard.ActionsOverlap(p, action))
            : s.Actions.Any(p => Wildcard.ActionCovers(p, action));

    private static bool DenyNamesSome(PolicyStatement s, string action) =>
        s.NotActions.Count > 0
            ? !s.NotActions.Any(p => Wildcard.ActionCovers(p, action))
            : s.Actions.Any(p => Wildcard.ActionsOverlap(p, action));

    private static bool AllowReachesSome(PolicyStatement s, string resource) =>
        s.NotResources.Count > 0
            ? !s.NotResources.Any(p => Wildcard.ResourceCovers(p, resource))
            : s.Resources.Any(p => Wildcard.ResourcesOverlap(p, resource));

    private static bool AllowReachesAll(PolicyStatement s, string resource) =>
        s.NotResources.Count > 0
            ? !s.NotResources.Any(p => Wildcard.ResourcesOverlap(p, resource))
            : s.Resources.Any(p => Wildcard.ResourceCovers(p, resource));

    private static bool DenyReachesAll(PolicyStatement s, string resource) => AllowReachesAll(s, resource);

    private static bool DenyReachesSome(PolicyStatement s, string resource) => AllowReachesSome(s, resource);
}
