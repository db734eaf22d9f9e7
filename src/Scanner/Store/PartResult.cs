using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>What one part of a scan found: its findings (waivers applied), counts, gaps and the waivers that matched.</summary>
internal sealed record PartResult
{
    public required string ScanId { get; init; }
    public required PartKey Part { get; init; }
    public required int Resources { get; init; }
    public required IReadOnlyDictionary<string, FamilySummary> Evaluations { get; init; }
    /// <summary>The part's evaluations by account, rule and control; null when its scan did not count them.</summary>
    public ScanCounts? Counts { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    /// <summary>Indexes into guardrails.yaml's waivers of those that matched a Fail.</summary>
    public required IReadOnlyCollection<int> MatchedWaivers { get; init; }
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>The part's quotas' value and usage, kept for forecasts.</summary>
    public IReadOnlyList<QuotaUsageSample> QuotaUsage { get; init; } = [];
}
