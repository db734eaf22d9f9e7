using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Records a scan made in one process into the findings store, as one part, and returns it as the
/// store tells it: each finding's status and first-seen time, the resolved ones, and the trend.
/// The final job of a scan on many workers reads its scan back the same way.
/// </summary>
/// <remarks>The optional <c>stage</c> is told when the rows are saved and the scan completed (the benchmark's stage lines).</remarks>
internal sealed class ScanHistory(IFindingsStore store, TimeProvider time)
{
    public async Task<ScanResult> RecordAsync(
        ScanResult result, SortedSet<int> matchedWaivers, GuardrailsConfig config, string? customer, string catalogHash, CancellationToken cancellationToken,
        IReadOnlyList<Rules.Quotas.QuotaUsageSample>? quotaUsage = null, Action<string>? stage = null)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        var scan = await store.BeginScanAsync(new NewScan
        {
            PreferredId = result.ScanId,
            Scope = customer ?? ScanRecord.WholeEstate,
            CatalogHash = catalogHash,
            ConfigHash = config.ContentHash,
            StartedAt = result.StartedAt,
            Parts = [PartKey.Whole],
            Accounts = config.ScannedAccounts(customer),
        }, cancellationToken);
        var part = new PartResult
        {
            ScanId = scan.ScanId,
            Part = PartKey.Whole,
            Resources = result.Resources,
            Evaluations = result.Evaluations,
            Counts = result.Counts,
            Gaps = result.Gaps,
            MatchedWaivers = matchedWaivers,
            Findings = result.Findings,
            QuotaUsage = quotaUsage ?? [],
        };
        await store.SavePartAsync(part, cancellationToken);
        stage?.Invoke($"saved {part.Findings.Count:N0} findings");
        await store.CompleteScanAsync(scan.ScanId, result.FinishedAt, cancellationToken);
        stage?.Invoke("completed the scan");
        // The findings are this process's own, given their statuses: a second copy of each is not read from the store.
        // Pruning removes older scans only (never the one just completed), so it runs beside the reading of this scan's rows;
        // the trends, which it may shorten, are read after it.
        return await StoredScanResult.ReadAsync(store, scan.ScanId, config, result.Rules, result.RulesOff, cancellationToken, part,
            beforeTrends: () => store.PruneAsync(time.GetUtcNow().AddDays(-config.Storage.RetentionDays), cancellationToken));
    }
}
