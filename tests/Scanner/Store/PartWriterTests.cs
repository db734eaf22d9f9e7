using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>
/// A part written a batch of findings at a time (a scan in one process writes each account's while the next is judged)
/// is the part saved whole; until it is saved, nothing of it is in the store.
/// </summary>
public sealed class PartWriterTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    [Theory, MemberData(nameof(Kinds))]
    public async Task APartWrittenInBatchesReadsBackAsTheSamePartSavedWhole(string kind)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var whole = await StoreKind.OpenAsync(kind);
        await using var batched = await StoreKind.OpenAsync(kind);
        IReadOnlyList<Finding> first = [Finding("still-broken"), Finding("passing", Verdict.Pass)];
        IReadOnlyList<Finding> second = [Finding("resolved")];
        IReadOnlyList<Finding> later = [Finding("broken-since"), Finding("still-broken", account: "222222222222"), Finding("still-broken")];
        foreach (var opened in new[] { whole, batched })
        {
            await ScanAsync(opened.Store, Start, [.. first, .. second]);
        }

        var expected = await ScanAsync(whole.Store, Start.AddDays(1), later);
        var scan = await batched.Store.BeginScanAsync(NewScan(Start.AddDays(1)), cancellationToken);
        await using (var writer = await batched.Store.OpenPartAsync(scan.ScanId, PartKey.Whole, cancellationToken))
        {
            await writer.WriteAsync(later.Take(1).ToList(), cancellationToken);
            await writer.WriteAsync([], cancellationToken);
            await writer.WriteAsync(later.Skip(1).ToList(), cancellationToken);
            Assert.Equal(0, await writer.SaveAsync(Part(scan.ScanId, PartKey.Whole, later), cancellationToken));
        }
        await batched.Store.CompleteScanAsync(scan.ScanId, Start.AddDays(1).AddMinutes(5), cancellationToken);
        var read = await batched.Store.ReadScanAsync(scan.ScanId, cancellationToken);

        Assert.Equal(Rows(expected), Rows(read));
        Assert.Contains(read.Findings, f => f.Status == FindingStatus.Resolved);
        Assert.Equal(2, read.Findings.Count(f => f.Status == FindingStatus.Open));
        // Read back for the process that wrote it: each finding as it was written, given its status.
        var written = await batched.Store.ReadScanAsync(scan.ScanId, Part(scan.ScanId, PartKey.Whole, later), cancellationToken);
        Assert.Equal(Rows(expected), Rows(written));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task APartNotSavedLeavesNoRowAndStaysPending(string kind)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var opened = await StoreKind.OpenAsync(kind);
        var scan = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        await using (var writer = await opened.Store.OpenPartAsync(scan.ScanId, PartKey.Whole, cancellationToken))
        {
            // The process dies, or judging fails, after some accounts were written.
            await writer.WriteAsync([Finding("written-then-lost")], cancellationToken);
        }

        Assert.Equal(1, (await opened.Store.FindScanAsync(scan.ScanId, cancellationToken))!.PartsPending);
        Assert.Empty((await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken)).Findings);
        // The part can be saved again, whole, as a retried job saves it.
        Assert.Equal(0, await opened.Store.SavePartAsync(Part(scan.ScanId, PartKey.Whole, [Finding("saved")]), cancellationToken));
        Assert.Equal(["arn:aws:s3:::saved"], (await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken)).Findings.Select(f => f.ResourceArn));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task APartSavedWithOtherFindingsThanWrittenIsRefusedAndLeavesNothing(string kind)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var opened = await StoreKind.OpenAsync(kind);
        var scan = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        await using (var writer = await opened.Store.OpenPartAsync(scan.ScanId, PartKey.Whole, cancellationToken))
        {
            await writer.WriteAsync([Finding("one")], cancellationToken);
            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.SaveAsync(Part(scan.ScanId, PartKey.Whole, [Finding("one"), Finding("two")]), cancellationToken));
        }

        Assert.Equal(1, (await opened.Store.FindScanAsync(scan.ScanId, cancellationToken))!.PartsPending);
        Assert.Empty((await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken)).Findings);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task APartAlreadySavedIsLeftAsItIs(string kind)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var opened = await StoreKind.OpenAsync(kind);
        var scan = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        await opened.Store.SavePartAsync(Part(scan.ScanId, PartKey.Whole, [Finding("first")]), cancellationToken);
        await using (var writer = await opened.Store.OpenPartAsync(scan.ScanId, PartKey.Whole, cancellationToken))
        {
            await writer.WriteAsync([Finding("second")], cancellationToken);
            Assert.Equal(0, await writer.SaveAsync(Part(scan.ScanId, PartKey.Whole, [Finding("second")]), cancellationToken));
        }

        Assert.Equal(["arn:aws:s3:::first"], (await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken)).Findings.Select(f => f.ResourceArn));
    }

    /// <summary>Every column a report shows, the scan's own id and time aside.</summary>
    private static List<string> Rows(StoredScan scan) =>
        [.. scan.Findings.Select(f => $"{f.RuleId} {f.ResourceArn} {f.AccountId} {f.Verdict} {f.Status} {f.FirstSeen:O} {f.Message}")];
}
