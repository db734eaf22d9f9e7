using System.Data.Common;
using Microsoft.Data.Sqlite;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// The embedded store: one SQLite file, nothing to install. Write-ahead logging lets the dashboard
/// read while a scan writes; writers take turns (SQLite's write transactions are exclusive), waiting
/// up to <see cref="BusyTimeoutSeconds"/> for one another.
/// </summary>
internal sealed class SqliteFindingsStore : SqlFindingsStore
{
    /// <summary>Long enough for another job's biggest part to commit; a real deadlock cannot happen with one writer at a time.</summary>
    private const int BusyTimeoutSeconds = 120;

    private readonly string _connectionString;

    public SqliteFindingsStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            DefaultTimeout = BusyTimeoutSeconds,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL persists in the file; synchronous=NORMAL is durable under WAL except for the last
        // transactions on a power cut, which a re-run scan rewrites anyway.
        await Db.ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", cancellationToken);
        return connection;
    }

    protected override Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override async Task<bool> WriteResultsAsync(
        DbConnection connection, DbTransaction transaction, string scanId, PartKey part, IReadOnlyList<Finding> findings, PartHistory history, CancellationToken cancellationToken)
    {
        var names = StoreSchema.ResultColumns.Split(", ").Select(c => "@" + c).ToArray();
        // A failing row is given its status and first-seen time as it is written, from the scope's
        // history (one primary-key lookup), instead of every row being written again when the scan completes.
        const string seen = "(SELECT first_seen FROM gr_findings WHERE scope = @scope AND rule_id = @rule_id AND resource_arn = @resource_arn AND status <> 'resolved')";
        var values = names.Select(n => n switch
        {
            "@status" => $"CASE @verdict WHEN 'suppressed' THEN 'suppressed' WHEN 'fail' THEN CASE WHEN {seen} IS NULL THEN 'new' ELSE 'open' END ELSE @status END",
            "@first_seen" => $"CASE WHEN @verdict IN ('fail', 'suppressed') THEN COALESCE({seen}, @started) ELSE @first_seen END",
            _ => n,
        });
        await using var command = Db.Command(connection, transaction,
            $"INSERT INTO gr_results ({StoreSchema.ResultColumns}) VALUES ({string.Join(", ", values)})",
            [.. names.Select(n => (n, (object?)null)), ("@scope", history.Scope), ("@started", history.StartedAt)]);
        // One prepared statement, rebound per row, inside the caller's transaction: SQLite's fast path.
        await command.PrepareAsync(cancellationToken);
        for (var i = 0; i < findings.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = ResultRow(scanId, part, i, findings[i]);
            for (var c = 0; c < row.Length; c++)
            {
                command.Parameters[c].Value = row[c] ?? DBNull.Value;
            }
            // Synchronous: Microsoft.Data.Sqlite's async methods run synchronously anyway, at a cost per call.
            command.ExecuteNonQuery();
        }
        return true;
    }
}
