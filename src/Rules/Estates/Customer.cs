namespace Ocado.Guardrails.Rules.Estates;

/// <summary>One customer of the estate and the AWS accounts that hold its data.</summary>
public sealed record Customer(string Id, string Name, IReadOnlyList<string> Accounts)
{
    // Immutable, not a view: a rule that cast Accounts to List and added an account moved another customer's findings.
    private readonly IReadOnlyList<string> _accounts = Frozen.List(Accounts);

    public IReadOnlyList<string> Accounts { get => _accounts; init => _accounts = Frozen.List(value); }
}
