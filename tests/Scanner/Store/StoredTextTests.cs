using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>
/// The SQLite store binds a finding's texts itself, through one reused UTF-8 buffer: every text must come back from
/// the store as it was given, the empty text as empty (never NULL), text beyond any ASCII, and texts longer than
/// the buffer and than the texts before them.
/// </summary>
public sealed class StoredTextTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    [Theory, MemberData(nameof(Kinds))]
    public async Task EveryTextReadsBackAsItWasWritten(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var cancellationToken = TestContext.Current.CancellationToken;
        var longText = string.Concat(Enumerable.Range(0, 3_000).Select(i => $"Zürich-東京-{i};"));
        Finding[] findings =
        [
            Finding("long") with { Message = longText, Evidence = "ok", Tags = new Dictionary<string, string> { ["owner"] = longText[..5_000] } },
            Finding("empty") with { Message = "", Evidence = "", Customer = "", Tags = new Dictionary<string, string> { [""] = "" } },
            Finding("wide") with { Message = "Ångström — 東京 🚀 \u00e9\u0301", Evidence = "{\"a\":\"\\u0000 ü\"}", Tags = new Dictionary<string, string> { ["ключ"] = "значение 🚀" } },
            Finding("short") with { Message = "a", Evidence = null },
        ];
        var scan = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        await opened.Store.SavePartAsync(Part(scan.ScanId, PartKey.Whole, findings), cancellationToken);
        await opened.Store.CompleteScanAsync(scan.ScanId, Start.AddMinutes(5), cancellationToken);

        var read = await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken);

        Assert.Equal(
            findings.Select(Texts).Order(StringComparer.Ordinal),
            read.Findings.Select(Texts).Order(StringComparer.Ordinal));
        Assert.All(read.Findings, f => Assert.Equal(FindingStatus.New, f.Status));
    }

    /// <summary>A finding's texts, each marked null or quoted, so that an empty text and no text differ.</summary>
    private static string Texts(Finding f) =>
        string.Join("|", new[] { f.RuleId, f.ResourceArn, f.Message, f.Evidence, f.Customer }.Select(t => t is null ? "null" : $"'{t}'"))
        + "|" + (f.Tags is null ? "no tags" : string.Join(",", f.Tags.Select(t => $"'{t.Key}'='{t.Value}'")));
}
