using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>Each quota's usage per scan, the series forecasts are made from, on SQLite and PostgreSQL alike.</summary>
public sealed class QuotaUsageHistoryTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    private static QuotaUsageSample Vpcs(double usage, DateTimeOffset at, string account = Account) =>
        new(account, "eu-west-1", "vpc", "L-F678F1CE", 40, usage, at);

    private static async Task<ScanRecord> NightAsync(IFindingsStore store, DateTimeOffset at, bool complete = true, params QuotaUsageSample[] usage)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var scan = await store.BeginScanAsync(NewScan(at), cancellationToken);
        await store.SavePartAsync(Part(scan.ScanId, PartKey.Whole, [Finding("a")]) with { QuotaUsage = usage }, cancellationToken);
        if (complete)
        {
            await store.CompleteScanAsync(scan.ScanId, at.AddMinutes(5), cancellationToken);
        }
        return scan;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task EachScansUsageIsReadBackPerAccountOldestFirstFromCompletedScansOnly(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        for (var night = 0; night < 3; night++)
        {
            await NightAsync(opened.Store, Start.AddDays(night), true, Vpcs(10 + night, Start.AddDays(night)), Vpcs(99, Start.AddDays(night), "222222222222"));
        }
        await NightAsync(opened.Store, Start.AddDays(3), complete: false, Vpcs(50, Start.AddDays(3)));

        var series = await opened.Store.QuotaUsageAsync(Account, Start.AddDays(1), cancellationToken);

        Assert.Equal([11.0, 12.0], series.Select(s => s.Usage));
        Assert.All(series, s => Assert.Equal(("vpc", "L-F678F1CE", 40.0, Account), (s.ServiceCode, s.QuotaCode, s.Value, s.AccountId)));
        Assert.Equal(Start.AddDays(2), series[^1].At);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AQuotaListedTwiceInAPartIsOneMeasurementAndAPartSavedTwiceKeepsTheFirst(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        var scan = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        var part = Part(scan.ScanId, PartKey.Whole, [Finding("a")]) with { QuotaUsage = [Vpcs(7, Start), Vpcs(7, Start)] };
        await opened.Store.SavePartAsync(part, cancellationToken);
        await opened.Store.SavePartAsync(part with { QuotaUsage = [Vpcs(30, Start)] }, cancellationToken);
        await opened.Store.CompleteScanAsync(scan.ScanId, Start.AddMinutes(5), cancellationToken);

        var sample = Assert.Single(await opened.Store.QuotaUsageAsync(Account, Start.AddDays(-1), cancellationToken));
        Assert.Equal(7, sample.Usage);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task UsageIsPrunedWithTheScansItCameWith(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        for (var night = 0; night < 3; night++)
        {
            await NightAsync(opened.Store, Start.AddDays(night), true, Vpcs(10 + night, Start.AddDays(night)));
        }

        Assert.Equal(2, await opened.Store.PruneAsync(Start.AddDays(30), cancellationToken));

        var left = Assert.Single(await opened.Store.QuotaUsageAsync(Account, Start.AddDays(-1), cancellationToken));
        Assert.Equal(12, left.Usage);
    }
}
