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
    /// <param name="beforeTrends">What must end before the scope's trends are read (the history's pruning, which may remove old scans from them).</param>
    public static async Task<ScanResult> ReadAsync(
        IFindingsStore store, string scanId, GuardrailsConfig config, IReadOnlyList<RuleHeader> rules, IReadOnlyList<RuleOff> rulesOff, CancellationToken cancellationToken,
        PartResult? written = null, Func<Task>? beforeTrends = null)
    {
        var scope = (await store.FindScanAsync(scanId, cancellationToken) ?? throw new InvalidOperationException($"no scan {scanId} in the store")).Scope;
        // The scan's own rows and the scope's trends (the last scans' counts, each customer's grouped from their rows) are
        // read side by side, each on its own connection and core: at a million resources each is most of a second of one thread.
        var reading = Task.Run(() => store.ReadScanAsync(scanId, written, cancellationToken), cancellationToken);
        var trends = Task.Run(async () =>
        {
            if (beforeTrends is not null)
            {
                await beforeTrends();
            }
            return (await store.TrendAsync(scope, TrendLength, cancellationToken), await store.CustomerTrendAsync(scope, TrendLength, null, cancellationToken));
        }, cancellationToken);
        // Both end before anything is returned or thrown: no connection outlives the call.
        await Task.WhenAll(reading, trends);
        var stored = await reading;
        var (trend, customerTrends) = await trends;
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
