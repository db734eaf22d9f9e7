namespace Ocado.Guardrails.Scanner.Store;

/// <summary>One scan as the store knows it. <see cref="Scope"/> is a customer id, or <see cref="WholeEstate"/>.</summary>
internal sealed record ScanRecord(
    string ScanId,
    string Scope,
    string? RequestKey,
    string CatalogHash,
    string ConfigHash,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int PartsTotal,
    int PartsPending)
{
    /// <summary>Not a valid customer id (those are lower-kebab-case), so it never collides with one.</summary>
    public const string WholeEstate = "*";

    public bool IsComplete => FinishedAt is not null;
}
