namespace Ocado.Guardrails.Scanner.Store;

/// <summary>What starting a scan records: its scope, what it runs with, and its parts (account, region).</summary>
internal sealed record NewScan
{
    /// <summary>The id wanted; the store adds "-2", "-3"... when it is taken.</summary>
    public required string PreferredId { get; init; }
    public required string Scope { get; init; }
    /// <summary>What asked for the scan (a Hangfire job id): asking twice gives the same scan.</summary>
    public string? RequestKey { get; init; }
    public required string CatalogHash { get; init; }
    public required string ConfigHash { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required IReadOnlyList<PartKey> Parts { get; init; }
    /// <summary>The accounts the scan reads: only their open findings can be resolved by it.</summary>
    public required IReadOnlyCollection<string> Accounts { get; init; }
}
