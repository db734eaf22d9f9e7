using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.SqliteStatements;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>A scan read back from the store carries everything the evaluator produced: the resource's tags and the evidence.</summary>
public sealed class StoreEvidenceTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["owner"] = "data@acme.example", ["environment"] = "prod", ["note"] = "quotes \" and <tags> & 'apostrophes'",
    };

    private const string Evidence = """{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"s3:GetObject"}""";

    [Theory, MemberData(nameof(Kinds))]
    public async Task TagsAndEvidenceSurviveTheStore(string kind)
    {
        await using var opened = await StoreKind.OpenAsync(kind);

        var read = await ScanAsync(opened.Store, Start, [Finding("tagged") with { Tags = Tags, Evidence = Evidence }, Finding("bare")]);

        var tagged = Single(read, "tagged");
        Assert.Equal(Tags, tagged.Tags);
        Assert.Equal(Evidence, tagged.Evidence);
        var bare = Single(read, "bare");
        Assert.Null(bare.Tags);
        Assert.Null(bare.Evidence);
    }

    [Fact]
    public async Task AStoreOfTheFirstVersionIsUpgradedAndKeepsItsHistory()
    {
        using var directory = new Support.TemporaryDirectory();
        var path = Path.Combine(directory.Path, "findings.db");
        await CreateFirstVersionAsync(path, "old-scan");
        var store = new SqliteFindingsStore(path);

        await store.EnsureSchemaAsync(TestContext.Current.CancellationToken);
        var read = await ScanAsync(store, Start.AddDays(1), [Finding("tagged") with { Tags = Tags, Evidence = Evidence }]);

        Assert.Equal(Evidence, Single(read, "tagged").Evidence);
        await using var connection = await OpenAsync(path);
        Assert.Equal((long)StoreSchema.Version, await ScalarAsync(connection, "SELECT version FROM gr_schema"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM gr_scans WHERE scan_id = 'old-scan'"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>The tables as version 1 wrote them: gr_results without tags and evidence, and one scan of history.</summary>
    private static async Task CreateFirstVersionAsync(string path, string scanId)
    {
        await using var connection = await OpenAsync(path);
        var firstVersion = StoreSchema.Statements
            .Where(s => !s.Contains("gr_history", StringComparison.Ordinal))
            .Select(s => s.Replace(", tags TEXT, evidence TEXT, tags_of INTEGER, evidence_of INTEGER", "", StringComparison.Ordinal).Replace(", counts TEXT", "", StringComparison.Ordinal)
                .Replace(", history_mark BIGINT", "", StringComparison.Ordinal));
        foreach (var statement in firstVersion)
        {
            await ExecuteAsync(connection, statement);
        }
        await ExecuteAsync(connection, "INSERT INTO gr_schema (version) VALUES (1)");
        await ExecuteAsync(connection, $"INSERT INTO gr_scans (scan_id, scope, catalog_hash, config_hash, accounts, started_at, parts_total, parts_pending) VALUES ('{scanId}', '*', 'c', 'h', '[]', 0, 0, 0)");
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM pragma_table_info('gr_results') WHERE name = 'tags'"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM pragma_table_info('gr_scan_parts') WHERE name = 'history_mark'"));
    }
}
