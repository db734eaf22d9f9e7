namespace Ocado.Guardrails.Rules.Policies;

/// <summary>A privilege-escalation method a principal can carry out, with the decision for each permission it needs.</summary>
public sealed record EscalationMatch(EscalationMethod Method, IReadOnlyList<AccessDecision> Decisions)
{
    private readonly IReadOnlyList<AccessDecision> _decisions = Frozen.List(Decisions);

    public IReadOnlyList<AccessDecision> Decisions { get => _decisions; init => _decisions = Frozen.List(value); }

    /// <summary>Some permission is granted only under conditions we cannot judge.</summary>
    public bool Conditional => Decisions.Any(d => d.Conditional);

    /// <summary>The method and the statements that grant each permission.</summary>
    public string Describe() =>
        $"{Method}{(Conditional ? " [conditional]" : "")}, granted by {string.Join(", ", Decisions.Select(Grantors))}";

    private static string Grantors(AccessDecision decision)
    {
        var conditions = decision.Conditional
            ? "; conditional on " + string.Join(" and ", decision.Allowing.SelectMany(s => s.Conditions).Concat(decision.ConditionalDenials.SelectMany(s => s.Conditions)).Distinct())
            : "";
        return $"{decision.Action} ({string.Join(", ", decision.Allowing.Select(s => s.Label))}{conditions})";
    }

    public override string ToString() => Describe();
}
