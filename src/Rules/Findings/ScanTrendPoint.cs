namespace Ocado.Guardrails.Rules.Findings;

/// <summary>One past (or the current) scan's counts, for the reports' trend chart.</summary>
public sealed record ScanTrendPoint(string ScanId, DateTimeOffset FinishedAt, int New, int Open, int Resolved, int Suppressed);
