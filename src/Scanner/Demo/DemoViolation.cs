namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>One planted violation: scanning the demo must report exactly this (rule, resource) as Fail.</summary>
public sealed record DemoViolation(string RuleId, string ResourceArn, string Why);
