using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Records a scan made in one process into the findings store, as one part, and returns it as the
/// store tells it: each finding's status and first-seen time, the resolved ones, and the trend.
/// The final job of a scan on many workers reads its scan back the same way.
/// </summary>
/// <param name="customer">The customer the scan was limited to; null: the whole estate.</param>
internal sealed class ScanHistory(IFindingsStore store, TimeProvider time, GuardrailsConfig config, string? customer, string catalogHash)
{
    public async Task<ScanResult> RecordAsync(
        ScanResult result, SortedSet<int> matchedWaivers, CancellationToken cancellationToken, IReadOnlyList<Rules.Quotas.QuotaUsageSample>? quotaUsage = null)
    {
        var scan = await BeginAsync(result.ScanId, result.StartedAt, cancellationToken);
        var part = Part(scan, result, matchedWaivers, quotaUsage);
        await store.SavePartAsync(part, cancellationToken);
        return await CompleteAsync(scan, part, result, cancellationToken);
    }

    /// <summary>Records the scan, its one part pending.</summary>
    public async Task<ScanRecord> BeginAsync(string preferredId, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        return await store.BeginScanAsync(new NewScan
        {
            PreferredId = preferredId,
            Scope = customer ?? ScanRecord.WholeEstate,
            CatalogHash = catalogHash,
            ConfigHash = config.ContentHash,
            StartedAt = startedAt,
            Parts = [PartKey.Whole],
            Accounts = config.ScannedAccounts(customer),
        }, cancellationToken);
    }

    /// <summary>The scan's one part: <paramref name="result"/>'s findings, in their order.</summary>
    public static PartResult Part(ScanRecord scan, ScanResult result, SortedSet<int> matchedWaivers, IReadOnlyList<Rules.Quotas.QuotaUsageSample>? quotaUsage) => new()
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

    /// <summary>Completes the scan whose part was saved, and reads it back.</summary>
    public async Task<ScanResult> CompleteAsync(ScanRecord scan, PartResult part, ScanResult result, CancellationToken cancellationToken)
    {
        await store.CompleteScanAsync(scan.ScanId, result.FinishedAt, cancellationToken);
        await store.PruneAsync(time.GetUtcNow().AddDays(-config.Storage.RetentionDays), cancellationToken);
        // The findings are this process's own, given their statuses: a second copy of each is not read from the store.
        return await StoredScanResult.ReadAsync(store, scan.ScanId, config, result.Rules, result.RulesOff, cancellationToken, part);
    }
}
