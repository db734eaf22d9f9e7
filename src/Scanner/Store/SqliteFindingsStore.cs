using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
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

    /// <summary>Throws what Microsoft.Data.Sqlite throws for a failed SQLite call (with the database's own message).</summary>
    private static void Check(int code, sqlite3 db) => SqliteException.ThrowExceptionForRC(code, db);

    /// <summary>
    /// Binds text through one reused UTF-8 buffer (SQLite copies it), not a new array for each of a row's dozen texts.
    /// The empty text is bound as text: an empty buffer would reach SQLite as no pointer, which it binds as NULL.
    /// </summary>
    private static int BindText(sqlite3_stmt statement, int position, string text, ref byte[] utf8)
    {
        if (text.Length == 0)
        {
            return raw.sqlite3_bind_text(statement, position, text);
        }
        if (Encoding.UTF8.GetMaxByteCount(text.Length) is var most && most > utf8.Length)
        {
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        }
        return raw.sqlite3_bind_text(statement, position, utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, utf8)));
    }

    protected override Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <remarks>Synchronous: Microsoft.Data.Sqlite's async methods run synchronously anyway, at a cost per call.</remarks>
    protected override Task<bool> WriteResultsAsync(
        DbConnection connection, DbTransaction transaction, string scanId, PartKey part, IReadOnlyList<Finding> findings, PartHistory history, CancellationToken cancellationToken)
    {
        var names = StoreSchema.ResultColumns.Split(", ").Select(c => "@" + c).ToArray();
        // A failing row is given its status and first-seen time as it is written, from the scope's history (one
        // primary-key lookup, joined once for both columns), instead of every row being written again when the scan completes.
        var values = names.Select(n => n switch
        {
            "@status" => "CASE @verdict WHEN 'suppressed' THEN 'suppressed' WHEN 'fail' THEN CASE WHEN f.first_seen IS NULL THEN 'new' ELSE 'open' END ELSE @status END",
            "@first_seen" => "CASE WHEN @verdict IN ('fail', 'suppressed') THEN COALESCE(f.first_seen, @started) ELSE @first_seen END",
            _ => n,
        });
        var sql = $"""
            INSERT INTO gr_results ({StoreSchema.ResultColumns}) SELECT {string.Join(", ", values)}
            FROM (SELECT 1) LEFT JOIN gr_findings f
              ON f.scope = @scope AND f.rule_id = @rule_id AND f.resource_arn = @resource_arn AND f.status <> 'resolved'
            """;
        // One prepared statement, rebound per row, inside the caller's transaction: SQLite's fast path. Bound by
        // position with SQLite's own calls, each parameter's position found once: Microsoft.Data.Sqlite's commands look
        // every parameter up by its name again on every row (20 name conversions and searches a row).
        var db = ((SqliteConnection)connection).Handle!;
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            var positions = names.Select(n => raw.sqlite3_bind_parameter_index(statement, n)).ToArray();
            var utf8 = new byte[4096];
            var rows = new ResultRows(scanId, part);
            Check(raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, "@scope"), history.Scope), db);
            Check(raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "@started"), history.StartedAt), db);
            for (var i = 0; i < findings.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = rows.Row(i, findings[i]);
                for (var c = 0; c < row.Length; c++)
                {
                    Check(row[c] switch
                    {
                        null => raw.sqlite3_bind_null(statement, positions[c]),
                        string text => BindText(statement, positions[c], text, ref utf8),
                        int number => raw.sqlite3_bind_int64(statement, positions[c], number),
                        long number => raw.sqlite3_bind_int64(statement, positions[c], number),
                        var other => throw new InvalidOperationException($"no binding for a {other.GetType().Name} in gr_results"),
                    }, db);
                }
                if (raw.sqlite3_step(statement) is var stepped and not raw.SQLITE_DONE)
                {
                    Check(stepped, db);
                }
                Check(raw.sqlite3_reset(statement), db);
            }
        }
        return Task.FromResult(true);
    }
}
