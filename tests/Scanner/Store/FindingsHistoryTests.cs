using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>What the store makes of two scans in a row, on SQLite and on PostgreSQL alike.</summary>
public sealed class FindingsHistoryTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    [Theory, MemberData(nameof(Kinds))]
    public async Task AResourceFixedBetweenTwoScansIsResolvedANewViolationIsNewAndAnUnchangedOneIsOpen(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var first = await ScanAsync(opened.Store, Start, [Finding("fixed-later"), Finding("still-broken")]);
        var second = await ScanAsync(opened.Store, Start.AddDays(1), [Finding("still-broken"), Finding("broken-since")]);

        Assert.All(first.Findings, f => Assert.Equal(FindingStatus.New, f.Status));
        var resolved = Single(second, "fixed-later");
        Assert.Equal(FindingStatus.Resolved, resolved.Status);
        Assert.Equal(Verdict.Pass, resolved.Verdict);
        Assert.Contains("no longer fails", resolved.Message);
        Assert.Equal(Start, resolved.FirstSeen);
        Assert.Equal(FindingStatus.Open, Single(second, "still-broken").Status);
        Assert.Equal(Start, Single(second, "still-broken").FirstSeen);
        Assert.Equal(FindingStatus.New, Single(second, "broken-since").Status);
        Assert.Equal(Start.AddDays(1), Single(second, "broken-since").FirstSeen);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AFindingThatFailsAgainAfterBeingResolvedIsNewWithAFreshFirstSeen(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await ScanAsync(opened.Store, Start, [Finding("flapping")]);
        await ScanAsync(opened.Store, Start.AddDays(1), []);
        var third = await ScanAsync(opened.Store, Start.AddDays(2), [Finding("flapping")]);

        Assert.Equal(FindingStatus.New, Single(third, "flapping").Status);
        Assert.Equal(Start.AddDays(2), Single(third, "flapping").FirstSeen);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AWaivedFindingIsSuppressedAndWhenItsWaiverRunsOutItIsOpenNotNew(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await ScanAsync(opened.Store, Start, [Finding("waived", Verdict.Suppressed)]);
        var second = await ScanAsync(opened.Store, Start.AddDays(1), [Finding("waived")]);
        var trend = await opened.Store.TrendAsync("acme", 10, TestContext.Current.CancellationToken);

        Assert.Equal(1, trend[0].Suppressed);
        Assert.Equal(FindingStatus.Open, Single(second, "waived").Status);
        Assert.Equal(Start, Single(second, "waived").FirstSeen);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AFindingInAnAccountThatCouldNotBeReadIsNotResolved(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await ScanAsync(opened.Store, Start, [Finding("unreadable-next-time")]);
        var gap = new CoverageGap(Account, null, CoverageGap.Sources.AssumeRole, "AccessDenied");
        var second = await ScanAsync(opened.Store, Start.AddDays(1), [], gap);
        var third = await ScanAsync(opened.Store, Start.AddDays(2), [Finding("unreadable-next-time")]);

        Assert.DoesNotContain(second.Findings, f => f.Status == FindingStatus.Resolved);
        Assert.Equal(FindingStatus.Open, Single(third, "unreadable-next-time").Status);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AnErrorOrNotAssessedVerdictDoesNotResolveAnOpenFinding(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await ScanAsync(opened.Store, Start, [Finding("rule-broke"), Finding("not-read")]);
        var second = await ScanAsync(opened.Store, Start.AddDays(1), [Finding("rule-broke", Verdict.Error), Finding("not-read", Verdict.NotAssessed)]);

        Assert.All(second.Findings, f => Assert.Null(f.Status));
        Assert.Equal(2, second.Findings.Count);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task TheTrendListsTheLastScansCountsOldestFirst(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        await ScanAsync(opened.Store, Start, [Finding("a"), Finding("b")]);
        await ScanAsync(opened.Store, Start.AddDays(1), [Finding("b"), Finding("c")]);
        await ScanAsync(opened.Store, Start.AddDays(2), [Finding("b"), Finding("c", Verdict.Suppressed)]);

        var trend = await opened.Store.TrendAsync("acme", 2, TestContext.Current.CancellationToken);

        Assert.Equal(2, trend.Count);
        Assert.Equal((1, 1, 1, 0), (trend[0].New, trend[0].Open, trend[0].Resolved, trend[0].Suppressed));
        Assert.Equal((0, 1, 0, 1), (trend[1].New, trend[1].Open, trend[1].Resolved, trend[1].Suppressed));
        Assert.True(trend[0].FinishedAt < trend[1].FinishedAt);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ScopesKeepSeparateHistories(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        await ScanAsync(opened.Store, Start, [Finding("shared")]);
        var other = await opened.Store.BeginScanAsync(NewScan(Start.AddDays(1), scope: "*"), cancellationToken);
        await opened.Store.SavePartAsync(Part(other.ScanId, Ocado.Guardrails.Scanner.Store.PartKey.Whole, [Finding("shared")]), cancellationToken);
        await opened.Store.CompleteScanAsync(other.ScanId, Start.AddDays(1), cancellationToken);

        var read = await opened.Store.ReadScanAsync(other.ScanId, cancellationToken);

        Assert.Equal(FindingStatus.New, Single(read, "shared").Status);
    }
}
