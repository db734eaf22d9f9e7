using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Records made-up past quota usage into the store as completed scans of their own scope (the demo's
/// <c>--nights</c>), so that they add to the forecasts' series and never to a scope's findings history:
/// a seeded scan has no findings, and in the estate's scope it would resolve every open finding.
/// </summary>
internal static class QuotaHistorySeed
{
    public const string Scope = "demo-nights";

    /// <summary>The quota usage of a snapshot, as a scan of it would record it.</summary>
    public static async Task<List<QuotaUsageSample>> ReadAsync(string snapshotDirectory, GuardrailsConfig config, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var source = new SnapshotSource(snapshotDirectory, config.Estate);
        var samples = new List<QuotaUsageSample>();
        foreach (var account in source.Accounts())
        {
            var snapshot = await source.ReadAsync(Scope, account, cancellationToken);
            samples.AddRange(QuotaHistory.Samples(snapshot.Resources, snapshot.CollectedAt ?? now));
        }
        return samples;
    }

    /// <summary>One completed scan per night, started <c>n</c> days before <paramref name="now"/> for the nth night back.</summary>
    public static async Task WriteAsync(IFindingsStore store, IReadOnlyList<IReadOnlyList<QuotaUsageSample>> nights, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        for (var i = 0; i < nights.Count; i++)
        {
            var startedAt = now.AddDays(i - nights.Count);
            var scan = await store.BeginScanAsync(new NewScan
            {
                PreferredId = $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{Scope}",
                Scope = Scope,
                CatalogHash = "",
                ConfigHash = "",
                StartedAt = startedAt,
                Parts = [PartKey.Whole],
                Accounts = [.. nights[i].Select(s => s.AccountId).Distinct(StringComparer.Ordinal)],
            }, cancellationToken);
            await store.SavePartAsync(new PartResult
            {
                ScanId = scan.ScanId,
                Part = PartKey.Whole,
                Resources = nights[i].Count,
                Evaluations = new Dictionary<string, Rules.Findings.FamilySummary>(StringComparer.Ordinal),
                Gaps = [],
                MatchedWaivers = [],
                Findings = [],
                QuotaUsage = nights[i],
            }, cancellationToken);
            await store.CompleteScanAsync(scan.ScanId, startedAt, cancellationToken);
        }
    }
}
