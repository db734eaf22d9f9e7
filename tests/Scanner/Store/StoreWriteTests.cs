using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>Writes that jobs repeat (Hangfire runs a job again when its worker dies) leave the same rows.</summary>
public sealed class StoreWriteTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    private static readonly PartKey West = new(Account, "eu-west-1");
    private static readonly PartKey Global = new(Account, PartKey.Global);

    [Theory, MemberData(nameof(Kinds))]
    public async Task APartSavedTwiceLeavesTheSameRowsAndCountsOnce(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        var scan = await opened.Store.BeginScanAsync(NewScan(Start, [West, Global]), cancellationToken);

        var first = await opened.Store.SavePartAsync(Part(scan.ScanId, West, [Finding("a"), Finding("b")]), cancellationToken);
        var again = await opened.Store.SavePartAsync(Part(scan.ScanId, West, [Finding("a"), Finding("b")]), cancellationToken);
        var last = await opened.Store.SavePartAsync(Part(scan.ScanId, Global, [Finding("c", region: "global")]), cancellationToken);

        Assert.Equal((1, 1, 0), (first, again, last));
        Assert.Equal(3, (await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken)).Findings.Count);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AStartThatRunsTwiceGivesTheSameScan(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;

        var first = await opened.Store.BeginScanAsync(NewScan(Start, [West], requestKey: "job-17"), cancellationToken);
        var again = await opened.Store.BeginScanAsync(NewScan(Start.AddSeconds(30), [West], requestKey: "job-17"), cancellationToken);
        var other = await opened.Store.BeginScanAsync(NewScan(Start, [West], requestKey: "job-18"), cancellationToken);

        Assert.Equal(first, again);
        Assert.Equal(first.ScanId + "-2", other.ScanId);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task CompletingAScanTwiceChangesNothingAndAPartSavedAfterwardsIsIgnored(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        await ScanAsync(opened.Store, Start, [Finding("a")]);
        var scan = await opened.Store.BeginScanAsync(NewScan(Start.AddDays(1), [West]), cancellationToken);
        await opened.Store.SavePartAsync(Part(scan.ScanId, West, [Finding("a")]), cancellationToken);

        Assert.True(await opened.Store.CompleteScanAsync(scan.ScanId, Start.AddDays(1), cancellationToken));
        Assert.False(await opened.Store.CompleteScanAsync(scan.ScanId, Start.AddDays(1), cancellationToken));
        Assert.Null(await opened.Store.SavePartAsync(Part(scan.ScanId, West, [Finding("a")]), cancellationToken));
        var read = await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken);

        Assert.Equal(FindingStatus.Open, Single(read, "a").Status);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AScanCannotCompleteWhilePartsArePending(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        var scan = await opened.Store.BeginScanAsync(NewScan(Start, [West, Global]), cancellationToken);
        await opened.Store.SavePartAsync(Part(scan.ScanId, West, [Finding("a")]), cancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => opened.Store.CompleteScanAsync(scan.ScanId, Start, cancellationToken));

        Assert.Contains("1 of 2 parts", error.Message);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task RetentionPrunesOldScansButKeepsTheNewestOfEachScope(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        var oldest = await ScanAsync(opened.Store, Start, [Finding("a")]);
        var older = await ScanAsync(opened.Store, Start.AddDays(1), [Finding("a")]);
        var newest = await ScanAsync(opened.Store, Start.AddDays(2), [Finding("a")]);

        var pruned = await opened.Store.PruneAsync(Start.AddDays(30), cancellationToken);

        Assert.Equal(2, pruned);
        Assert.Null(await opened.Store.FindScanAsync(oldest.Scan.ScanId, cancellationToken));
        Assert.Null(await opened.Store.FindScanAsync(older.Scan.ScanId, cancellationToken));
        Assert.NotNull(await opened.Store.FindScanAsync(newest.Scan.ScanId, cancellationToken));
        var next = await ScanAsync(opened.Store, Start.AddDays(31), [Finding("a")]);
        Assert.Equal(FindingStatus.Open, Single(next, "a").Status);
        Assert.Equal(Start, Single(next, "a").FirstSeen);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task TwentyThousandFindingsOfOnePartAreWrittenCompletedAndReadBack(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        var findings = Enumerable.Range(0, 20_000).Select(i => Finding($"bucket-{i:D6}")).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var begun = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        await opened.Store.SavePartAsync(Part(begun.ScanId, PartKey.Whole, findings), cancellationToken);
        var saved = watch.Elapsed;
        await opened.Store.CompleteScanAsync(begun.ScanId, Start.AddMinutes(5), cancellationToken);
        var completed = watch.Elapsed;
        var scan = await opened.Store.ReadScanAsync(begun.ScanId, cancellationToken);
        TestContext.Current.SendDiagnosticMessage($"{kind}: saved {saved.TotalSeconds:F1} s, completed {(completed - saved).TotalSeconds:F1} s, read {(watch.Elapsed - completed).TotalSeconds:F1} s");

        Assert.Equal(20_000, scan.Findings.Count);
        Assert.All(scan.Findings, f => Assert.Equal(FindingStatus.New, f.Status));
        TestContext.Current.SendDiagnosticMessage($"{kind}: 20,000 findings written, completed and read back in {watch.Elapsed.TotalSeconds:F1} s");
    }
}
