using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>A scan read back from the store: what its final job turns into findings.json and reports.</summary>
internal sealed record StoredScan
{
    public required ScanRecord Scan { get; init; }
    public required int Resources { get; init; }
    public required IReadOnlyDictionary<string, FamilySummary> Evaluations { get; init; }
    /// <summary>The parts' counts added up; null when a part has none (saved by an earlier version).</summary>
    public ScanCounts? Counts { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    public required IReadOnlyCollection<int> MatchedWaivers { get; init; }
    /// <summary>With status and first-seen once the scan is complete; resolved ones included, as Pass.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
}
