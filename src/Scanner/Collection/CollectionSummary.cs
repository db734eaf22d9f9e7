using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>The outcome of one collection: what collection.json records.</summary>
internal sealed record CollectionSummary(
    DateTimeOffset CollectedAt,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> Regions,
    IReadOnlyList<CoverageGap> Gaps,
    long Requests,
    long Throttles,
    long Retries,
    TimeSpan Elapsed);
