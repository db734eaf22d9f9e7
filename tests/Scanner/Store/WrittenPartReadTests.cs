using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>
/// A scan recorded in one process is read back without reading its own findings again (they are given their
/// statuses instead): what it gets must be exactly what a full read gets, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class WrittenPartReadTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    [Theory, MemberData(nameof(Kinds))]
    public async Task TheWrittenPartGivenItsStatusesReadsAsAFullReadDoes(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        await ScanAsync(opened.Store, Start, [Finding("fixed-later"), Finding("still-broken"), Finding("waived", Verdict.Suppressed)]);
        var tagged = Finding("broken-since") with
        {
            Tags = new Dictionary<string, string> { ["owner"] = "team-a", ["env"] = "prod" },
            Evidence = """{"statements":[{"index":0,"sid":"Open","json":"{\"Effect\":\"Allow\"}"}]}""",
        };
        // No tags at all reads back as none, as the store keeps it.
        var untagged = Finding("no-tags") with { Tags = new Dictionary<string, string>() };
        var scan = await opened.Store.BeginScanAsync(NewScan(Start.AddDays(1)), cancellationToken);
        var part = Part(scan.ScanId, PartKey.Whole, [Finding("still-broken"), tagged, Finding("waived"), untagged, Finding("not-read", Verdict.NotAssessed)]);
        await opened.Store.SavePartAsync(part, cancellationToken);
        await opened.Store.CompleteScanAsync(scan.ScanId, Start.AddDays(1).AddMinutes(5), cancellationToken);

        var full = await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken);
        var given = await opened.Store.ReadScanAsync(scan.ScanId, part, cancellationToken);

        Assert.Equal(6, full.Findings.Count);
        Assert.Contains(full.Findings, f => f.Status == FindingStatus.Resolved && f.ResourceArn.EndsWith("fixed-later", StringComparison.Ordinal));
        Assert.Equal(Describe(full.Findings), Describe(given.Findings));
        Assert.Equal((full.Resources, full.Gaps.Count, full.MatchedWaivers.Count), (given.Resources, given.Gaps.Count, given.MatchedWaivers.Count));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task APartThatDoesNotHoldWhatTheProcessWroteIsRefused(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        var scan = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        var part = Part(scan.ScanId, PartKey.Whole, [Finding("a"), Finding("b")]);
        await opened.Store.SavePartAsync(part, cancellationToken);
        await opened.Store.CompleteScanAsync(scan.ScanId, Start.AddMinutes(5), cancellationToken);

        await Assert.ThrowsAsync<InvalidOperationException>(() => opened.Store.ReadScanAsync(scan.ScanId, part with { Findings = [Finding("a")] }, cancellationToken));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            opened.Store.ReadScanAsync(scan.ScanId, part with { Findings = [Finding("a"), Finding("b"), Finding("c")] }, cancellationToken));
    }

    /// <summary>Every field of every finding, tags in their order, as text: equal lists of records would compare tags by reference.</summary>
    private static List<string> Describe(IReadOnlyList<Finding> findings) =>
        [.. findings.Select(f => string.Join("|", f.RuleId, f.Family, f.Severity, f.Verdict, f.ResourceArn, f.ResourceType, f.AccountId, f.Region,
            f.Customer, f.Message, f.Status, f.FirstSeen?.ToUnixTimeMilliseconds(), f.Evidence, f.Location,
            f.Tags is null ? "no tags" : string.Join(",", f.Tags.Select(t => $"{t.Key}={t.Value}"))))];
}
