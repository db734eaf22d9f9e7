namespace Ocado.Guardrails.Rules.Policies;

/// <summary>A service granted and not used, with the Allow statements that grant it: what to trim.</summary>
public sealed record UnusedService(ServiceLastUse Service, IReadOnlyList<PolicyStatement> Statements);
