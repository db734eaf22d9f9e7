namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The people and cost centres that own a customer's (or the platform's) resources.</summary>
internal sealed record DemoTeam(string Domain, IReadOnlyList<string> Owners, IReadOnlyList<string> CostCentres);
