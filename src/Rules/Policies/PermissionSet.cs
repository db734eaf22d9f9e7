using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The effective identity-based permissions of one principal: all its policies combined, judged by
/// AWS's evaluation logic (an explicit Deny wins over any Allow; no Allow means implicit deny), with
/// conditions judged against the scan's clock.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
/// </summary>
public sealed partial class PermissionSet
{
    private readonly DateTimeOffset _now;

    // The statements with their conditions judged, and the services they name: made at the first question, like the
    // answers below, since most sets are dropped for the equal one an earlier principal shares before any is asked.
    private Judged? _judged;

    /// <param name="Services">
    /// The services the statements name (iam, s3, ...), or null when one could name any (*, NotAction): a question
    /// about another service meets no statement, and is answered without looking.
    /// </param>
    private sealed record Judged((PolicyStatement Statement, ConditionOutcome Outcome)[] Statements, HashSet<string>? Services);

    private Judged Judgement => Volatile.Read(ref _judged) ?? Interlocked.CompareExchange(ref _judged, Judge(), null) ?? _judged;

    private Judged Judge()
    {
        var statements = Policies.SelectMany(p => p.Statements).Select(s => (s, ConditionJudge.Judge(s, _now))).ToArray();
        return new Judged(statements, ServicesNamed(statements.Select(s => s.s)));
    }

    // Escalation methods ask about the same actions again and again (iam:PassRole is in dozens). Made at the first
    // question: a set is made for each principal, and most are dropped for the equal set an earlier one shares.
    private System.Collections.Concurrent.ConcurrentDictionary<(string Action, string Resource), AccessDecision>? _decisions;

    /// <param name="policies">Every policy of the principal (inline, managed, its groups').</param>
    /// <param name="now">The scan's clock, for date conditions.</param>
    /// <param name="unresolved">Policies the principal has that could not be read (not in the inventory): what we did not judge.</param>
    /// <param name="boundary">
    /// The principal's permissions boundary: what it allows caps what the policies grant (an action must be
    /// allowed by both), and what it denies is denied.
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    /// </param>
    /// <param name="serviceControl">
    /// The SCPs over the principal's account, when the organisation was read: an action must also be within them.
    /// </param>
    public PermissionSet(IEnumerable<PolicyDocument> policies, DateTimeOffset now, IEnumerable<string>? unresolved = null, PolicyDocument? boundary = null,
        ServiceControlLimit? serviceControl = null)
    {
        // Shared by every rule that asks about the principal: immutable (see Frozen).
        Policies = Frozen.List(policies.ToArray());
        Unresolved = Frozen.List(unresolved?.ToArray());
        BoundaryPolicy = boundary;
        Boundary = boundary is null ? null : new PermissionSet([boundary], now);
        ServiceControl = serviceControl;
        _now = now;
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

    /// <summary>The permissions boundary that caps these permissions, when one is set and holds.</summary>
    public PolicyDocument? BoundaryPolicy { get; }

    /// <summary>What the boundary alone allows (null without one).</summary>
    public PermissionSet? Boundary { get; }

    /// <summary>The SCPs that cap these permissions, when the organisation was read and they apply to the principal.</summary>
    public ServiceControlLimit? ServiceControl { get; }

    /// <summary>A sentence on the boundary for a message (set or not counted, and why), or null when there is nothing to say.</summary>
    public string? BoundaryNote { get; init; }

    /// <summary>Every action on every resource, with nothing denied: administrator access.</summary>
    public AccessDecision Admin => Can("*", "*");

    /// <summary>Whether the principal is an administrator (see <see cref="Admin"/> for why).</summary>
    /// <remarks>
    /// Allowed on every resource, not only on some: <c>"*"</c> on one bucket, or on everything but S3 through
    /// NotResource, is much but not administrator access.
    /// </remarks>
    public bool AllowsAdmin => Admin is { Allowed: true, OnEveryResource: true };

    /// <summary>
    /// Whether the principal may perform <paramref name="action"/> (every action it names, when it is a
    /// pattern) on at least one resource that <paramref name="resourcePattern"/> matches.
    /// </summary>
    public AccessDecision Can(string action, string resourcePattern = "*") =>
        Made(ref _decisions).GetOrAdd((action, resourcePattern), static (key, self) => self.Bounded(key.Action, key.Resource, remember: true), this);

    /// <summary>
    /// The same answer as <see cref="Can"/>, worked out without keeping it: for a question that names one principal
    /// (whether it may lift its own boundary), asked of a set that many principals share.
    /// </summary>
    internal AccessDecision AskOnce(string action, string resourcePattern) =>
        _decisions is { } known && known.TryGetValue((action, resourcePattern), out var decision) ? decision : Bounded(action, resourcePattern, remember: false);

    /// <summary>A dictionary of answers, made by the first thread to need it.</summary>
    private static System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue> Made<TKey, TValue>(ref System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue>? field)
        where TKey : notnull =>
        Volatile.Read(ref field) ?? Interlocked.CompareExchange(ref field, new(), null) ?? field;

    /// <summary>
    /// The policies' answer, capped by the boundary and the SCPs: each must allow, and their conditions count too.
    /// </summary>
    /// <param name="remember">Whether the boundary keeps its answer (not for a question that names one principal).</param>
    private AccessDecision Bounded(string action, string resourcePattern, bool remember)
    {
        var granted = Decide(action, resourcePattern);
        if (!granted.Allowed)
        {
            return granted;
        }
        if (Boundary is not null)
        {
            var limit = remember ? Boundary.Can(action, resourcePattern) : Boundary.AskOnce(action, resourcePattern);
            granted = limit.Allowed
                ? granted with { Conditional = granted.Conditional || limit.Conditional, OnEveryResource = granted.OnEveryResource && limit.OnEveryResource, Boundary = limit }
                : granted with { Allowed = false, Conditional = false, OnEveryResource = false, Boundary = limit };
        }
        if (ServiceControl is null || !granted.Allowed)
        {
            return granted;
        }
        var (refusal, level, conditional) = ServiceControl.Can(action, resourcePattern);
        return refusal is null
            ? granted with { Conditional = granted.Conditional || conditional }
            : granted with { Allowed = false, Conditional = false, OnEveryResource = false, ServiceControl = refusal, ServiceControlLevel = level?.ToString() };
    }

    /// <summary>
    /// Whether the policies answer alike for every resource the pattern matches: allowed on each, or allowed on each
    /// but for Denies that reach every one of them under conditions that cannot tell them apart (on the request, the
    /// principal, or, when the pattern names one account, the resources' account and organisation). An SCP's
    /// "deny outside our accounts" then holds for every role of an account alike, and one answer serves them all.
    /// </summary>
    public bool AllowsAlikeOnEvery(string action, string resourcePattern)
    {
        var decision = Can(action, resourcePattern);
        if (!decision.Allowed || decision.OnEveryResource)
        {
            return decision is { Allowed: true, OnEveryResource: true };
        }
        var covering = false;
        foreach (var (statement, outcome) in Judgement.Statements)
        {
            if (outcome == ConditionOutcome.AlwaysFalse)
            {
                continue;
            }
            if (statement.IsAllow)
            {
                covering |= StatementMatch.AllowNamesAll(statement, action) && StatementMatch.AllowReachesAll(statement, resourcePattern);
            }
            else if (StatementMatch.DenyNamesSome(statement, action) && StatementMatch.DenyReachesSome(statement, resourcePattern)
                && !(StatementMatch.DenyReachesAll(statement, resourcePattern) && statement.Conditions.All(c => SameForEvery(c, resourcePattern))))
            {
                return false;
            }
        }
        return covering && (Boundary is null || Boundary.AllowsAlikeOnEvery(action, resourcePattern))
            && (ServiceControl is null || ServiceControl.CoversEvery(action, resourcePattern));
    }

    /// <summary>A condition whose value is the same for every resource the pattern matches.</summary>
    private static bool SameForEvery(PolicyCondition condition, string resourcePattern)
    {
        if (!condition.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || condition.Key.StartsWith("aws:ResourceTag", StringComparison.OrdinalIgnoreCase)
            || condition.Values.Any(v => v.Contains("${", StringComparison.Ordinal)))
        {
            return false;
        }
        var ofResource = condition.IsKey("aws:ResourceAccount") || condition.IsKey("aws:ResourceOrgID") || condition.IsKey("aws:ResourceOrgPaths");
        return !ofResource || resourcePattern.Split(':') is [_, _, _, _, var account, ..] && Arn.IsAccountId(account);
    }

    private AccessDecision Decide(string action, string resourcePattern)
    {
        var judged = Judgement;
        if (judged.Services is { } services && TryServiceOf(action, out var service) && !services.GetAlternateLookup<ReadOnlySpan<char>>().Contains(service))
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
        foreach (var (statement, outcome) in judged.Statements)
        {
            if (outcome == ConditionOutcome.AlwaysFalse)
            {
                continue;
            }
            if (statement.IsAllow)
            {
                if (StatementMatch.AllowNamesAll(statement, action) && StatementMatch.AllowReachesSome(statement, resourcePattern))
                {
                    (allowing ??= []).Add(statement);
                    unconditional |= outcome == ConditionOutcome.AlwaysTrue;
                    covering |= StatementMatch.AllowReachesAll(statement, resourcePattern);
                }
            }
            else if (StatementMatch.DenyNamesSome(statement, action))
            {
                if (StatementMatch.DenyReachesAll(statement, resourcePattern))
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
                partlyDenied |= StatementMatch.DenyReachesSome(statement, resourcePattern);
            }
        }
        var allowed = allowing is not null && denying is null;
        var conditional = allowed && (!unconditional || conditionalDenials is not null);
        return new AccessDecision(
            action, resourcePattern, allowed, conditional, allowed && covering && !partlyDenied,
            allowing ?? [], denying ?? [], conditionalDenials ?? []);
    }
}
