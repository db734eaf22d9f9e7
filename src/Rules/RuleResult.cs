namespace Ocado.Guardrails.Rules;

/// <summary>What a rule says about one resource: a verdict and a message naming the resource and the fault.</summary>
public readonly record struct RuleResult(Verdict Verdict, string Message);
