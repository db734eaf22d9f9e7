using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>Turns a completed scan read back from the store into the result the reports are written from.</summary>
internal static class StoredScanResult
{
    /// <summary>How many past scans a report's trend shows.</summary>
    public const int TrendLength = 30;

    /// <param name="written">The part this process saved, when it holds its findings: they are not read again.</param>
    public static async Task<ScanResult> ReadAsync(
        IFindingsStore store, string scanId, GuardrailsConfig config, IReadOnlyList<RuleHeader> rules, IReadOnlyList<RuleOff> rulesOff, CancellationToken cancellationToken,
        PartResult? written = null)
    {
        var stored = await store.ReadScanAsync(scanId, written, cancellationToken);
        var trend = await store.TrendAsync(stored.Scan.Scope, TrendLength, cancellationToken);
        var customerTrends = await store.CustomerTrendAsync(stored.Scan.Scope, TrendLength, null, cancellationToken);
        var accounts = config.ScannedAccounts(stored.Scan.Scope == ScanRecord.WholeEstate ? null : stored.Scan.Scope);
        return new ScanResult
        {
            ScanId = stored.Scan.ScanId,
            StartedAt = stored.Scan.StartedAt,
            FinishedAt = stored.Scan.FinishedAt ?? stored.Scan.StartedAt,
            Resources = stored.Resources,
            Evaluations = stored.Evaluations,
            Counts = stored.Counts,
            Gaps = stored.Gaps,
            Findings = stored.Findings,
            Rules = rules,
            RulesOff = rulesOff,
            Estate = config.Estate,
            Trend = trend,
            CustomerTrends = customerTrends,
            QuotaForecasts = await ReportHistory.ForecastsAsync(store, stored.Findings, stored.Scan.FinishedAt ?? stored.Scan.StartedAt, cancellationToken),
            NotificationFailures = await ReportHistory.NotificationFailuresAsync(store, stored.Scan.ScanId, trend, cancellationToken),
            Waivers = new WaiverBook(config.Waivers, stored.Scan.StartedAt).Report(stored.MatchedWaivers, accounts),
        };
    }
}
