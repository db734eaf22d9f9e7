using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports;

/// <summary>
/// What a findings.json holds, read back: everything of a <see cref="ScanResult"/> except the rule
/// headers and the estate, which live in the catalog and guardrails.yaml.
/// </summary>
public sealed record FindingsFile
{
    public required string ScanId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required int Resources { get; init; }
    public required IReadOnlyDictionary<string, FamilySummary> Evaluations { get; init; }
    /// <summary>The scan's evaluations per account, rule and control (summary.counts); null when the file has none.</summary>
    public ScanCounts? Counts { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>The last scans' counts, when the scan was recorded in a findings store; empty otherwise.</summary>
    public IReadOnlyList<ScanTrendPoint> Trend { get; init; } = [];
    /// <summary>Each customer's trend (customerTrends), by customer id; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScanTrendPoint>> CustomerTrends { get; init; } = new Dictionary<string, IReadOnlyList<ScanTrendPoint>>();

    /// <summary>A result to re-render reports from, with the rules and estate the caller knows.</summary>
    public ScanResult ToScanResult(IReadOnlyList<RuleHeader> rules, Estate estate) => new()
    {
        ScanId = ScanId,
        StartedAt = StartedAt,
        FinishedAt = FinishedAt,
        Resources = Resources,
        Evaluations = Evaluations,
        Counts = Counts,
        Gaps = Gaps,
        Findings = Findings,
        Trend = Trend,
        CustomerTrends = CustomerTrends,
        Rules = rules,
        Estate = estate,
    };
}
