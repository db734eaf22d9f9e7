namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>What the deployment would supply: the account and region (pseudo parameters) and parameter values.</summary>
internal sealed record TemplateContext
{
    /// <summary>
    /// Stands for the deploying account when --account is not given. Only AWS::AccountId resolves to it,
    /// so "the template's own account" is still recognised as own, and every other account stays foreign.
    /// </summary>
    public const string PlaceholderAccount = "000000000000";

    public const string DefaultRegion = "us-east-1";

    public string Account { get; init; } = PlaceholderAccount;
    public string Region { get; init; } = DefaultRegion;
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
