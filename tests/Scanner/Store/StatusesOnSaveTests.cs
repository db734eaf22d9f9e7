using System.Data.Common;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;
using static Ocado.Guardrails.Tests.Scanner.Store.StoreScans;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>
/// A part's rows may be given their statuses as the part is saved (SQLite does): the statuses a
/// completed scan shows are still those of the scope's history when it completes.
/// </summary>
public sealed class StatusesOnSaveTests
{
    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    [Theory, MemberData(nameof(Kinds))]
    public async Task AScanOfTheScopeCompletedBetweenAPartsSaveAndItsScansCompletionDecidesTheStatuses(string kind)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var opened = await StoreKind.OpenAsync(kind);
        await ScanAsync(opened.Store, Start, [Finding("resolved-meanwhile")]);
        var slow = await opened.Store.BeginScanAsync(NewScan(Start.AddDays(2)), cancellationToken);
        await opened.Store.SavePartAsync(Part(slow.ScanId, PartKey.Whole, [Finding("resolved-meanwhile"), Finding("found-meanwhile")]), cancellationToken);

        // Completes while the slow scan waits: the first finding is resolved, the second opened.
        await ScanAsync(opened.Store, Start.AddDays(1), [Finding("found-meanwhile")]);
        await opened.Store.CompleteScanAsync(slow.ScanId, Start.AddDays(2).AddMinutes(5), cancellationToken);
        var read = await opened.Store.ReadScanAsync(slow.ScanId, cancellationToken);

        Assert.Equal(FindingStatus.New, Single(read, "resolved-meanwhile").Status);
        Assert.Equal(Start.AddDays(2), Single(read, "resolved-meanwhile").FirstSeen);
        Assert.Equal(FindingStatus.Open, Single(read, "found-meanwhile").Status);
        Assert.Equal(Start.AddDays(1), Single(read, "found-meanwhile").FirstSeen);
    }

    [Fact]
    public async Task APartSavedByAVersionThreeStoreWithoutStatusesIsGivenThemWhenItsScanCompletes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var opened = await StoreKind.OpenAsync(StoreKind.Sqlite);
        await ScanAsync(opened.Store, Start, [Finding("still-broken")]);
        var scan = await opened.Store.BeginScanAsync(NewScan(Start.AddDays(1)), cancellationToken);
        await opened.Store.SavePartAsync(Part(scan.ScanId, PartKey.Whole, [Finding("still-broken"), Finding("broken-since"), Finding("passing", Verdict.Pass)]), cancellationToken);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={opened.Location}"))
        {
            // As version 3 saved a part: no statuses, and no mark (the column added by the upgrade is empty).
            await connection.OpenAsync(cancellationToken);
            Assert.Equal(2, await ExecuteAsync(connection, $"UPDATE gr_results SET status = NULL, first_seen = NULL WHERE scan_id = '{scan.ScanId}' AND status IS NOT NULL"));
            Assert.Equal(1, await ExecuteAsync(connection, $"UPDATE gr_scan_parts SET history_mark = NULL WHERE scan_id = '{scan.ScanId}' AND history_mark = 1"));
        }

        await opened.Store.CompleteScanAsync(scan.ScanId, Start.AddDays(1).AddMinutes(5), cancellationToken);
        var read = await opened.Store.ReadScanAsync(scan.ScanId, cancellationToken);

        Assert.Equal(FindingStatus.Open, Single(read, "still-broken").Status);
        Assert.Equal(Start, Single(read, "still-broken").FirstSeen);
        Assert.Equal(FindingStatus.New, Single(read, "broken-since").Status);
        Assert.Equal(Start.AddDays(1), Single(read, "broken-since").FirstSeen);
        Assert.DoesNotContain(read.Findings, f => f.ResourceArn.EndsWith("passing", StringComparison.Ordinal) && f.Status is not null);
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
