namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Whether a principal's policies let it perform an action on at least one resource a pattern
/// matches, and which statements decided it.
/// </summary>
/// <param name="Action">The action asked about; a pattern asks about every action it names.</param>
/// <param name="ResourcePattern">The resources asked about (a glob; <c>*</c> for any).</param>
/// <param name="Allowed">An Allow that can apply grants it, and no Deny that surely applies takes it away.</param>
/// <param name="Conditional">Allowed only under conditions we cannot judge, or a Deny with such conditions may take it away.</param>
/// <param name="OnEveryResource">Allowed on every resource the pattern matches, not only on some.</param>
/// <param name="Allowing">The Allow statements that grant it (those whose conditions can hold).</param>
/// <param name="Denying">The Deny statements that surely take it away.</param>
/// <param name="ConditionalDenials">Deny statements that would take it away, under conditions we cannot judge.</param>
public sealed record AccessDecision(
    string Action,
    string ResourcePattern,
    bool Allowed,
    bool Conditional,
    bool OnEveryResource,
    IReadOnlyList<PolicyStatement> Allowing,
    IReadOnlyList<PolicyStatement> Denying,
    IReadOnlyList<PolicyStatement> ConditionalDenials)
{
    // Decisions are memoised per principal and shared by every rule that asks: immutable (see Frozen).
    private readonly IReadOnlyList<PolicyStatement> _allowing = Frozen.List(Allowing);
    private readonly IReadOnlyList<PolicyStatement> _denying = Frozen.List(Denying);
    private readonly IReadOnlyList<PolicyStatement> _conditionalDenials = Frozen.List(ConditionalDenials);

    public IReadOnlyList<PolicyStatement> Allowing { get => _allowing; init => _allowing = Frozen.List(value); }
    public IReadOnlyList<PolicyStatement> Denying { get => _denying; init => _denying = Frozen.List(value); }
    public IReadOnlyList<PolicyStatement> ConditionalDenials { get => _conditionalDenials; init => _conditionalDenials = Frozen.List(value); }

    /// <summary>The permissions boundary's own answer, when the principal has one and its policies allow.</summary>
    public AccessDecision? Boundary { get; init; }

    /// <summary>The policies allow it but the permissions boundary does not.</summary>
    public bool OutsideBoundary => !Allowed && Boundary is { Allowed: false };

    /// <summary>The answer of the SCPs at the level that does not allow it, when the principal's policies and boundary do.</summary>
    public AccessDecision? ServiceControl { get; init; }

    /// <summary>The root, OU or account whose SCPs do not allow it (for a message).</summary>
    public string? ServiceControlLevel { get; init; }

    /// <summary>The principal's policies allow it but the organisation's SCPs do not.</summary>
    public bool OutsideServiceControl => !Allowed && ServiceControl is { Allowed: false };

    /// <summary>A sentence for a message: what is allowed or denied, by which statements, under which conditions.</summary>
    public string Describe()
    {
        var action = Action == "*" ? "every action" : Action;
        var target = ResourcePattern == "*" ? (Action == "*" ? "every action on every resource" : action) : $"{action} on {ResourcePattern}";
        if (!Allowed && ServiceControl is { Allowed: false } scp)
        {
            return $"{target} is allowed by {string.Join(", ", Allowing.Select(s => s.Label))} but not by the SCPs of {ServiceControlLevel}"
                + (scp.Denying.Count > 0 ? $" ({scp.Describe()})" : "");
        }
        if (!Allowed && Boundary is { Allowed: false } limit)
        {
            return $"{target} is allowed by {string.Join(", ", Allowing.Select(s => s.Label))} but not within the permissions boundary"
                + (limit.Denying.Count > 0 ? $" ({limit.Describe()})" : "");
        }
        if (!Allowed)
        {
            return Denying.Count > 0
                ? $"{target} is denied by {string.Join(", ", Denying.Select(s => s.Label))}"
                : $"{target} is not allowed";
        }
        var text = $"{target} is allowed by {string.Join(", ", Allowing.Select(s => s.Label))}";
        if (!Conditional)
        {
            return text;
        }
        var conditions = Allowing.SelectMany(s => s.Conditions).Concat(ConditionalDenials.SelectMany(s => s.Conditions))
            .Concat(Boundary is null ? [] : Boundary.Allowing.SelectMany(s => s.Conditions).Concat(Boundary.ConditionalDenials.SelectMany(s => s.Conditions)))
            .Select(c => c.ToString()).Distinct().ToList();
        return $"{text} (conditional: {string.Join("; ", conditions)})";
    }

    public override string ToString() => Describe();
}
