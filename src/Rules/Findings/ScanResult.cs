using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Rules.Findings;

/// <summary>Everything one scan found: what findings.json and the reports are made of.</summary>
public sealed record ScanResult
{
    public required string ScanId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required int Resources { get; init; }
    /// <summary>Counts per family and verdict, over every evaluation including passes.</summary>
    public required IReadOnlyDictionary<string, FamilySummary> Evaluations { get; init; }
    /// <summary>
    /// Every evaluation counted per account, rule and control, passes included whatever findings were kept;
    /// null when the scan did not count them (a findings.json or a store written before they were).
    /// </summary>
    public ScanCounts? Counts { get; init; }
    public required IReadOnlyList<CoverageGap> Gaps { get; init; }
    /// <summary>Fail, Error, NotAssessed and Suppressed verdicts; Pass too when the scan was asked to include them.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>The headers of the rules that ran, for the reports' rule pages.</summary>
    public required IReadOnlyList<RuleHeader> Rules { get; init; }
    /// <summary>The catalog's rules that did not run, each with who turned it off (guardrails.yaml or a flag).</summary>
    public IReadOnlyList<RuleOff> RulesOff { get; init; } = [];
    public required Estate Estate { get; init; }
    /// <summary>The last scans' counts, oldest first, when the scan was recorded in a findings store.</summary>
    public IReadOnlyList<ScanTrendPoint> Trend { get; init; } = [];
    /// <summary>Each customer's own trend over the same scans (its findings by status), by customer id; empty without a findings store.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScanTrendPoint>> CustomerTrends { get; init; } = new Dictionary<string, IReadOnlyList<ScanTrendPoint>>();
    /// <summary>The quotas forecast to run out within the horizon (quotas-forecast-exhaustion failed), each with its usage series, for the report's charts.</summary>
    public IReadOnlyList<ForecastedQuota> QuotaForecasts { get; init; } = [];
    /// <summary>Digests of the scope's previous scan that did not reach their channel, for the report.</summary>
    public IReadOnlyList<NotificationFailure> NotificationFailures { get; init; } = [];
    /// <summary>Waivers that matched nothing (stale) or ran out (expired); empty when guardrails.yaml has none.</summary>
    public WaiverReport Waivers { get; init; } = WaiverReport.None;
    /// <summary>The files a check of templates read, in the order given (nested templates after); empty for a scan of accounts.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];
    /// <summary>Files that could not be read, each with why: an error, never a clean result.</summary>
    public IReadOnlyList<string> UnreadableFiles { get; init; } = [];
    /// <summary>Resources of the checked files that no rule judged, and why.</summary>
    public IReadOnlyList<NotAssessedResource> NotAssessed { get; init; } = [];
}
