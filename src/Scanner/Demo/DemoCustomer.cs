namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>One customer of the demo estate and its accounts, in estate order.</summary>
internal sealed record DemoCustomer(string Id, string Name, IReadOnlyList<DemoAccount> Accounts);
