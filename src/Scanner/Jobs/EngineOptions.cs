using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>What serve, worker and audit are started with: the estate, its snapshot (or live AWS), where outputs and state go.</summary>
internal sealed record EngineOptions
{
    public required string ConfigPath { get; init; }
    /// <summary>The snapshot every part reads; null: every part collects its account live from AWS.</summary>
    public required string? SnapshotDirectory { get; init; }
    /// <summary>Reports of each scan go to OUT/scans/&lt;scan id&gt;/.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>The SQLite files of the embedded setup (findings.db, hangfire.db).</summary>
    public required string StateDirectory { get; init; }
    public required IReadOnlyList<string> RulePaths { get; init; }
    /// <summary>
    /// Which of the catalog's rules run (--rule, --skip-rule, --family, --min-severity). Part of the catalog's hash:
    /// a worker started with other flags refuses the parts of a scan it would judge differently.
    /// </summary>
    public RuleFilter RuleFilter { get; init; } = RuleFilter.None;
    /// <summary>Without a snapshot: the credentials and home region each part collects with (--profile, --region).</summary>
    public Aws.AwsCallerOptions Aws { get; init; } = Scanner.Aws.AwsCallerOptions.Default;
}
