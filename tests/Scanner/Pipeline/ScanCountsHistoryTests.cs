using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>A scan recorded in the findings store comes back with its counts and each customer's trend.</summary>
public sealed class ScanCountsHistoryTests
{
    private static async Task<ScanResult> ScanAsync(TinyEstate estate, string storePath, TimeProvider time)
    {
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var options = new ScanOptions { SnapshotDirectory = estate.Directory, ConfigPath = estate.ConfigPath, OutputDirectory = estate.Directory, RulePaths = [] };
        var pipeline = new ScanPipeline(config, Support.Catalog.Rules, time, ScanProgress.Silent);
        var evaluated = await pipeline.EvaluateAsync(options, TestContext.Current.CancellationToken);
        return await pipeline.RecordAsync(new SqliteFindingsStore(storePath), evaluated, null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ARecordedScanKeepsItsCountsAndTheCustomersReportGetsItsOwnTrend()
    {
        using var estate = new TinyEstate().Compliant("logs").Untagged("reports").Untagged("exports").Write();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero));
        var store = Path.Combine(estate.Directory, "findings.db");

        await ScanAsync(estate, store, time);
        estate.Compliant("reports").Write();
        time.Advance(TimeSpan.FromHours(3));
        var second = await ScanAsync(estate, store, time);
        var acme = CustomerScope.For(second, "acme");

        var required = second.Counts!.Accounts[TinyEstate.Account].Rules["tagging-required-tags"];
        Assert.Equal((2, 1), (required.Pass, required.Fail));
        Assert.Equal([2, 1], second.CustomerTrends["acme"].Select(p => p.New + p.Open));
        Assert.Equal(second.Trend.Select(p => p.ScanId), acme.Trend.Select(p => p.ScanId));
        Assert.Equal([2, 1], acme.Trend.Select(p => p.New + p.Open));
        Assert.DoesNotContain(TinyEstate.OtherAccount, acme.Counts!.Accounts.Keys);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task TheTrendsAreReadAfterPruningBesideTheScanReadBack()
    {
        using var estate = new TinyEstate().Compliant("logs").Untagged("reports").Write();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 4, 2, 0, 0, TimeSpan.Zero));
        var store = Path.Combine(estate.Directory, "findings.db");

        var first = await ScanAsync(estate, store, time);
        // Past the retention: completing the second scan makes the first one pruned, and no trend may show it.
        time.Advance(TimeSpan.FromDays(GuardrailsConfig.Load(estate.ConfigPath).Storage.RetentionDays + 1));
        var second = await ScanAsync(estate, store, time);

        Assert.Equal([second.ScanId], second.Trend.Select(p => p.ScanId));
        Assert.Equal([second.ScanId], second.CustomerTrends["acme"].Select(p => p.ScanId));
        Assert.Null(await new SqliteFindingsStore(store).FindScanAsync(first.ScanId, TestContext.Current.CancellationToken));
        // The scan read back beside the pruning: its failing finding is the first scan's, still open, first seen then.
        var failing = Assert.Single(second.Findings, f => f.Verdict == Verdict.Fail && f.ResourceArn.EndsWith(":reports", StringComparison.Ordinal));
        Assert.Equal((FindingStatus.Open, first.StartedAt), (failing.Status!.Value, failing.FirstSeen!.Value));
        Assert.Equal(second.Findings.Count(f => f.Status == FindingStatus.Open), second.Trend[0].Open);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
