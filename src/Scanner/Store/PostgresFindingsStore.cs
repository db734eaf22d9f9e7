using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// The store on PostgreSQL, shared by every worker: findings are written with binary COPY, and
/// transactions that must not interleave (schema creation, a scope's history) take advisory locks.
/// </summary>
internal sealed class PostgresFindingsStore : SqlFindingsStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresFindingsStore(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string ForUpdate => " FOR UPDATE";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        await Db.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@key))", cancellationToken, ("@key", "guardrails:" + key));

    /// <summary>Binary COPY cannot look the history up per row: completing the scan gives the statuses.</summary>
    protected override async Task<bool> WriteResultsAsync(
        DbConnection connection, DbTransaction transaction, string scanId, PartKey part, IReadOnlyList<Finding> findings, PartHistory history, CancellationToken cancellationToken)
    {
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            $"COPY gr_results ({StoreSchema.ResultColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // Synchronous writes into the importer's buffer: per-value awaits cost more than the I/O,
        // which happens only when the buffer fills.
        var rows = new ResultRows(scanId, part);
        for (var i = 0; i < findings.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            importer.StartRow();
            var row = rows.Row(i, findings[i]);
            for (var c = 0; c < row.Length; c++)
            {
                switch (row[c])
                {
                    case null: importer.WriteNull(); break;
                    case string text: importer.Write(text, NpgsqlDbType.Text); break;
                    case int number: importer.Write(number, NpgsqlDbType.Integer); break;
                    case long number: importer.Write(number, NpgsqlDbType.Bigint); break;
                    default: throw new InvalidOperationException($"no COPY type for {row[c]!.GetType()}");
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
        return false;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
