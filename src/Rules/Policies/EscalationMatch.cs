namespace Ocado.Guardrails.Rules.Policies;

/// <summary>A privilege-escalation method a principal can carry out, with the decision for each permission it needs.</summary>
public sealed record EscalationMatch(EscalationMethod Method, IReadOnlyList<AccessDecision> Decisions)
{
    /// <summary>Some permission is granted only under conditions we cannot judge.</summary>
    public bool Conditional => Decisions.Any(d => d.Conditional);

    /// <summary>The method and the statements that grant each permission.</summary>
    public string Describe() =>
        $"{Method}{(Conditional ? " [conditional]" : "")}: {string.Join("; ", Decisions.Select(d => d.Describe()))}";

    public override string ToString() => Describe();
}
