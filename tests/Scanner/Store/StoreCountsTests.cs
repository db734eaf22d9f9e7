using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>The scan's counts and each customer's trend, through the store, on SQLite and PostgreSQL.</summary>
public sealed class StoreCountsTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    private const string OtherAccount = "222222222222";

    private static ScanCounts Counts(string account, int pass, int fail)
    {
        var counts = new ScanCounts();
        counts.For(account).Rule(Rule).Pass = pass;
        counts.For(account).Rule(Rule).Fail = fail;
        counts.For(account).Control("AWS FSBP S3.2").Passing = pass;
        counts.For(account).Control("AWS FSBP S3.2").Failing = fail;
        return counts;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task EachPartsCountsAreAddedUpWhenTheScanIsReadBack(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var store = opened.Store;
        var cancellationToken = TestContext.Current.CancellationToken;
        PartKey west = new(Account, "eu-west-1"), east = new(Account, "us-east-1"), other = new(OtherAccount, "eu-west-1");
        var scan = await store.BeginScanAsync(NewScan(Start, [west, east, other]), cancellationToken);

        await store.SavePartAsync(Part(scan.ScanId, west, [Finding("a")]) with { Counts = Counts(Account, 5, 1) }, cancellationToken);
        await store.SavePartAsync(Part(scan.ScanId, east, []) with { Counts = Counts(Account, 2, 0) }, cancellationToken);
        await store.SavePartAsync(Part(scan.ScanId, other, [Finding("b", account: OtherAccount)]) with { Counts = Counts(OtherAccount, 0, 1) }, cancellationToken);
        await store.CompleteScanAsync(scan.ScanId, Start.AddMinutes(5), cancellationToken);
        var read = await store.ReadScanAsync(scan.ScanId, cancellationToken);

        var account = read.Counts!.Accounts[Account];
        Assert.Equal((7, 1), (account.Rules[Rule].Pass, account.Rules[Rule].Fail));
        Assert.Equal((7, 1), (account.Controls["AWS FSBP S3.2"].Passing, account.Controls["AWS FSBP S3.2"].Failing));
        Assert.Equal(1, read.Counts.Accounts[OtherAccount].Rules[Rule].Fail);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AScanWithAPartSavedWithoutCountsHasNoCounts(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var store = opened.Store;
        var cancellationToken = TestContext.Current.CancellationToken;
        PartKey west = new(Account, "eu-west-1"), east = new(Account, "us-east-1");
        var scan = await store.BeginScanAsync(NewScan(Start, [west, east]), cancellationToken);

        await store.SavePartAsync(Part(scan.ScanId, west, [Finding("a")]) with { Counts = Counts(Account, 5, 1) }, cancellationToken);
        await store.SavePartAsync(Part(scan.ScanId, east, []), cancellationToken);
        await store.CompleteScanAsync(scan.ScanId, Start.AddMinutes(5), cancellationToken);

        Assert.Null((await store.ReadScanAsync(scan.ScanId, cancellationToken)).Counts);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task EachCustomersTrendCountsItsOwnFindingsAndOneCustomersHoldsNoOther(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var store = opened.Store;
        var cancellationToken = TestContext.Current.CancellationToken;
        // The customer's name is what the trend counts by; the account stays one the scans read, so that findings resolve.
        Finding Globex(string bucket) => Finding(bucket) with { Customer = "globex" };

        await ScanAsync(store, Start, [Finding("a"), Finding("b"), Globex("g")]);
        await ScanAsync(store, Start.AddHours(1), [Finding("a"), Globex("g"), Globex("h")]);
        await ScanAsync(store, Start.AddHours(2), [Globex("g")]);

        var all = await store.CustomerTrendAsync("acme", 10, null, cancellationToken);
        var acme = await store.CustomerTrendAsync("acme", 10, "acme", cancellationToken);

        Assert.Equal(["acme", "globex"], all.Keys.Order(StringComparer.Ordinal));
        // acme: a and b new; then a open, b resolved; then a resolved, with no failing finding left.
        Assert.Equal([(2, 0, 0), (0, 1, 1), (0, 0, 1)], all["acme"].Select(p => (p.New, p.Open, p.Resolved)));
        Assert.Equal([(1, 0, 0), (1, 1, 0), (0, 1, 1)], all["globex"].Select(p => (p.New, p.Open, p.Resolved)));
        Assert.Equal((await store.TrendAsync("acme", 10, cancellationToken)).Select(p => p.ScanId), all["acme"].Select(p => p.ScanId));
        Assert.Equal(["acme"], acme.Keys);
        Assert.Equal(all["acme"], acme["acme"]);
        Assert.Empty(await store.CustomerTrendAsync("acme", 2, "nobody", cancellationToken));
        Assert.Equal(2, (await store.CustomerTrendAsync("acme", 2, null, cancellationToken))["globex"].Count);
    }
}
