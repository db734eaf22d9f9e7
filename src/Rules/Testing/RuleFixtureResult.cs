namespace Ocado.Guardrails.Rules.Testing;

/// <summary>The outcome of one named case of a rule's <c>.tests.json</c>.</summary>
public sealed record RuleFixtureResult(string RuleId, string CaseName, Verdict Expected, RuleResult Actual, string? Problem)
{
    public bool Passed => Problem is null;
}
