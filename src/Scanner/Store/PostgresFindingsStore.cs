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
    private static readonly NpgsqlDbType[] ResultTypes =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint,
    ];

    private readonly NpgsqlDataSource _dataSource;

    public PostgresFindingsStore(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string ForUpdate => " FOR UPDATE";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        await Db.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext(@key))", cancellationToken, ("@key", "guardrails:" + key));

    protected override async Task WriteResultsAsync(
        DbConnection connection, DbTransaction transaction, string scanId, PartKey part, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            $"COPY gr_results ({StoreSchema.ResultColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < findings.Count; i++)
        {
            await importer.StartRowAsync(cancellationToken);
            var row = ResultRow(scanId, part, i, findings[i]);
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(row[c], ResultTypes[c], cancellationToken);
                }
            }
        }
        await importer.CompleteAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
