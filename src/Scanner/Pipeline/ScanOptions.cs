namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>What one scan reads and writes.</summary>
internal sealed record ScanOptions
{
    public required string SnapshotDirectory { get; init; }
    public required string ConfigPath { get; init; }
    public required string OutputDirectory { get; init; }
    public required IReadOnlyList<string> RulePaths { get; init; }
    public bool IncludePasses { get; init; }
    /// <summary>Limit the scan to one customer's accounts (its report holds nothing of another).</summary>
    public string? Customer { get; init; }
    /// <summary>The --fail-on threshold; null exits 0 whatever was found.</summary>
    public Rules.Severity? FailOn { get; init; }
    /// <summary>Findings accepted for now: --fail-on counts only the others.</summary>
    public Baseline? Baseline { get; init; }
    /// <summary>Where to write this scan's Fail and Error findings as a baseline, or null.</summary>
    public string? CreateBaseline { get; init; }
    /// <summary>The files written in OUT and each customer's folder (--format).</summary>
    public IReadOnlyList<Reports.Formats.ReportFormat> Formats { get; init; } = ScanOutputs.DefaultFormats;
    /// <summary>The verdicts the written files keep (--status); the exit code is judged on every finding.</summary>
    public StatusFilter Status { get; init; } = StatusFilter.All;
    /// <summary>ASFF's Security Hub region for global resources (--region); null: the estate's first region.</summary>
    public string? HomeRegion { get; init; }
}
