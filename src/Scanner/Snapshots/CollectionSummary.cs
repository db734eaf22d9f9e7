using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>What collection.json records: when, what was asked for, what could not be had, and how many calls it took.</summary>
internal sealed record CollectionSummary(
    DateTimeOffset CollectedAt,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Regions,
    IReadOnlyList<CoverageGap> Gaps,
    CollectionStatistics? Statistics = null);

/// <summary>The calls a live collection made; a generated snapshot (the demo) made none.</summary>
internal sealed record CollectionStatistics(long Requests, long Throttles, long Retries, TimeSpan Elapsed);
