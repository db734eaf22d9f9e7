namespace Ocado.Guardrails.Rules.Findings;

/// <summary>A rule of the catalog that did not run, and who turned it off (a line of guardrails.yaml or a flag).</summary>
public sealed record RuleOff(string RuleId, string Reason);
