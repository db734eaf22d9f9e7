namespace Ocado.Guardrails.Rules;

/// <summary>
/// What a rule says about one resource: a verdict, a message naming the resource and the fault, and for a
/// Fail the <see cref="Rules.Evidence"/> it rests on (the statement at fault, the tags or values compared).
/// </summary>
public readonly record struct RuleResult(Verdict Verdict, string Message)
{
    /// <summary>What the verdict rests on; null when the rule gave none.</summary>
    public Evidence? Evidence { get; init; }
}
