namespace Ocado.Guardrails.Rules.Engine;

/// <summary>The text of one rule script and the path its diagnostics name.</summary>
public sealed record RuleSource(string Path, string Text);
