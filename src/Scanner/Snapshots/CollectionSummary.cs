using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>What collection.json records: when, what was asked for, what could not be had, and how many calls it took.</summary>
internal sealed record CollectionSummary(
    DateTimeOffset CollectedAt,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Regions,
    IReadOnlyList<CoverageGap> Gaps,
    CollectionStatistics? Statistics = null)
{
    /// <summary>Where Config was read from ("direct", or the aggregator): an incremental collection starts only from a snapshot read the same way.</summary>
    public string? ConfigSource { get; init; }

    /// <summary>For <c>collect --since</c>: from when Config's changes were asked, and every part collected in full instead, with why.</summary>
    public IncrementalSummary? Incremental { get; init; }
}

/// <summary>
/// An incremental collection: <see cref="Since"/> (null when the previous snapshot could not be used at all, <see cref="AllFull"/>),
/// and the (account, region, source) parts collected in full, each with its reason.
/// </summary>
internal sealed record IncrementalSummary(DateTimeOffset? Since, IReadOnlyList<FullCollection> Full, bool AllFull);

/// <summary>The calls a live collection made; a generated snapshot (the demo) made none.</summary>
internal sealed record CollectionStatistics(long Requests, long Throttles, long Retries, TimeSpan Elapsed);

/// <summary>A part of an incremental collection that was collected in full, and why.</summary>
internal sealed record FullCollection(string AccountId, string Region, string Source, string Reason);
