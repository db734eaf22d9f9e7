namespace Ocado.Guardrails.Rules.Estates;

/// <summary>One customer of the estate and the AWS accounts that hold its data.</summary>
public sealed record Customer(string Id, string Name, IReadOnlyList<string> Accounts);
