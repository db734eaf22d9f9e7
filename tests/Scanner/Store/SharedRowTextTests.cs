using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.SqliteStatements;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>
/// A part's rows keep each distinct tag set and evidence text once; the others name the row that holds it. Read back,
/// every finding has its own tags and evidence again, on SQLite and PostgreSQL alike, and a store of version 4 (every
/// row holding its own) is upgraded and still reads its scans.
/// </summary>
public sealed class SharedRowTextTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    private const string Statement = """{"Sid":"Admin","Effect":"Allow","Action":"*","Resource":"*"}""";
    private const string OtherStatement = """{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";

    private static Dictionary<string, string> Tags(string owner) => new(StringComparer.Ordinal) { ["owner"] = owner, ["env"] = "prod" };

    /// <summary>
    /// Tags and evidence shared by reference (as a scan shares equal texts), equal but apart (kept apart), different, empty
    /// and none; a row may refer for one column and hold the other.
    /// </summary>
    private static List<Finding> Findings()
    {
        var shared = Tags("team-a");
        var teamB = Tags("team-b");
        // Made at run time: one object, not the interned literal.
        var statement = string.Concat(Statement.AsSpan(0, 10), Statement.AsSpan(10));
        return
        [
            Finding("bare"),
            Finding("a1") with { Tags = shared, Evidence = statement },
            Finding("a2") with { Tags = shared, Evidence = statement },
            Finding("a3") with { Tags = Tags("team-a"), Evidence = OtherStatement },
            Finding("b1") with { Tags = teamB, Evidence = string.Concat(Statement.AsSpan(0, 5), Statement.AsSpan(5)) },
            Finding("b2") with { Tags = shared, Evidence = "" },
            Finding("b3") with { Tags = teamB, Evidence = OtherStatement },
            Finding("b4", Verdict.Suppressed) with { Tags = shared },
            Finding("b5") with { Tags = teamB, Evidence = statement },
        ];
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task EachFindingReadsBackItsOwnTagsAndEvidence(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);
        var findings = Findings();

        var read = await ScanAsync(opened.Store, Start, findings);

        Assert.Equal(findings.Count, read.Findings.Count);
        foreach (var written in findings)
        {
            var back = Single(read, written.ResourceArn["arn:aws:s3:::".Length..]);
            Assert.Equal(written.Evidence, back.Evidence);
            Assert.Equal(written.Tags?.OrderBy(t => t.Key, StringComparer.Ordinal), back.Tags?.OrderBy(t => t.Key, StringComparer.Ordinal));
        }
        // Read back, the findings share what the scan shared: the tag set is parsed once.
        Assert.Same(Single(read, "a1").Tags, Single(read, "b2").Tags);
    }

    [Fact]
    public void ARowReadBeforeTheRowItNamesIsGivenItsTextsAndANameWithoutATextIsRefused()
    {
        var table = new System.Data.DataTable();
        foreach (var column in StoreSchema.ResultColumns.Split(", "))
        {
            table.Columns.Add(column, column is "ordinal" or "tags_of" or "evidence_of" ? typeof(int) : column == "first_seen" ? typeof(long) : typeof(string));
        }
        object?[] Row(int ordinal, string? tags, string? evidence, int? tagsOf, int? evidenceOf) =>
        [
            "scan", "111111111111", "eu-west-1", ordinal, Rule, $"arn:aws:s3:::b{ordinal}", "tagging", "medium", "fail", "AWS::S3::Bucket",
            Account, "eu-west-1", null, "m", null, null, tags, evidence, tagsOf, evidenceOf,
        ];
        // The part's rows last to first: the first two name the third's texts before it is read.
        table.Rows.Add(Row(2, null, null, 0, 0).Select(v => v ?? DBNull.Value).ToArray());
        table.Rows.Add(Row(1, null, "mine", 0, null).Select(v => v ?? DBNull.Value).ToArray());
        table.Rows.Add(Row(0, """{"owner":"a"}""", Statement, null, null).Select(v => v ?? DBNull.Value).ToArray());
        var findings = new List<Finding>();
        var rows = new StoredRows(findings);
        using (var reader = table.CreateDataReader())
        {
            while (reader.Read())
            {
                rows.Add(reader);
            }
        }
        rows.Resolve("scan");

        Assert.Equal([Statement, "mine", Statement], findings.Select(f => f.Evidence).Reverse());
        Assert.All(findings, f => Assert.Equal("a", f.Tags!["owner"]));

        var dangling = new StoredRows([]);
        table.Rows.RemoveAt(2);
        using (var reader = table.CreateDataReader())
        {
            while (reader.Read())
            {
                dangling.Add(reader);
            }
        }
        Assert.Contains("names row 0", Assert.Throws<InvalidOperationException>(() => dangling.Resolve("scan")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATextSharedBetweenFindingsIsStoredOnceAPart()
    {
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await ScanAsync(opened.Store, Start, Findings());

        await using var connection = await OpenAsync(opened.Location);
        // Three tag objects (team-a twice, team-b) and four evidence texts (the statement twice, the other one, the empty one) are held; the rest refer.
        Assert.Equal(3L, await ScalarAsync(connection, "SELECT COUNT(tags) FROM gr_results"));
        Assert.Equal(4L, await ScalarAsync(connection, "SELECT COUNT(evidence) FROM gr_results"));
        Assert.Equal(5L, await ScalarAsync(connection, "SELECT COUNT(tags_of) FROM gr_results"));
        Assert.Equal(3L, await ScalarAsync(connection, "SELECT COUNT(evidence_of) FROM gr_results"));
        // A reference names a row that holds the text itself.
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT COUNT(*) FROM gr_results r JOIN gr_results h ON h.scan_id = r.scan_id AND h.ordinal = r.tags_of WHERE h.tags IS NULL"));
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT COUNT(*) FROM gr_results r JOIN gr_results h ON h.scan_id = r.scan_id AND h.ordinal = r.evidence_of WHERE h.evidence IS NULL"));
    }

    [Fact]
    public async Task AStoreOfVersionFourIsUpgradedAndReadsItsScansAsWritten()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        var findings = Findings();
        var old = await opened.Store.BeginScanAsync(NewScan(Start), cancellationToken);
        await opened.Store.SavePartAsync(Part(old.ScanId, PartKey.Whole, findings), cancellationToken);
        await using (var connection = await OpenAsync(opened.Location))
        {
            // As version 4 wrote the part: every row its own tags and evidence, and no reference columns.
            await ExecuteAsync(connection, """
                UPDATE gr_results SET tags = (SELECT h.tags FROM gr_results h WHERE h.scan_id = gr_results.scan_id AND h.ordinal = gr_results.tags_of)
                WHERE tags_of IS NOT NULL
                """);
            await ExecuteAsync(connection, """
                UPDATE gr_results SET evidence = (SELECT h.evidence FROM gr_results h WHERE h.scan_id = gr_results.scan_id AND h.ordinal = gr_results.evidence_of)
                WHERE evidence_of IS NOT NULL
                """);
            await ExecuteAsync(connection, "ALTER TABLE gr_results DROP COLUMN tags_of");
            await ExecuteAsync(connection, "ALTER TABLE gr_results DROP COLUMN evidence_of");
            await ExecuteAsync(connection, "UPDATE gr_schema SET version = 4");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await opened.Store.EnsureSchemaAsync(cancellationToken);
        await opened.Store.CompleteScanAsync(old.ScanId, Start.AddMinutes(5), cancellationToken);
        var readOld = await opened.Store.ReadScanAsync(old.ScanId, cancellationToken);
        var readNew = await ScanAsync(opened.Store, Start.AddDays(1), findings);

        await using var upgraded = await OpenAsync(opened.Location);
        Assert.Equal((long)StoreSchema.Version, await ScalarAsync(upgraded, "SELECT version FROM gr_schema"));
        Assert.Equal(8L, await ScalarAsync(upgraded, $"SELECT COUNT(tags) FROM gr_results WHERE scan_id = '{old.ScanId}'"));
        foreach (var written in findings)
        {
            var bucket = written.ResourceArn["arn:aws:s3:::".Length..];
            Assert.Equal(written.Evidence, Single(readOld, bucket).Evidence);
            Assert.Equal(written.Evidence, Single(readNew, bucket).Evidence);
            Assert.Equal(written.Tags?.Count, Single(readOld, bucket).Tags?.Count);
            Assert.Equal(written.Tags?.Count, Single(readNew, bucket).Tags?.Count);
        }
    }
}
