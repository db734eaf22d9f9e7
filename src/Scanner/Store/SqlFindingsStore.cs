using System.Data.Common;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// The store's logic in SQL shared by SQLite and PostgreSQL; a subclass opens connections, takes
/// locks and bulk-writes rows in its own database's way.
/// </summary>
internal abstract partial class SqlFindingsStore : IFindingsStore
{
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Serialises transactions that name the same key until the transaction ends (PostgreSQL:
    /// an advisory lock). SQLite needs none: its write transactions already run one at a time.
    /// </summary>
    protected abstract Task LockAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a part's findings into gr_results; true if each failing row was given its status and
    /// first-seen time from the scope's history as it stands (<paramref name="history"/>), false if
    /// they are left for completing the scan to give.
    /// </summary>
    protected abstract Task<bool> WriteResultsAsync(
        DbConnection connection, DbTransaction transaction, string scanId, PartKey part, IReadOnlyList<Finding> findings, PartHistory history, CancellationToken cancellationToken);

    /// <summary>The scope whose history a part's statuses come from, and the scan's start (a new finding's first-seen time).</summary>
    protected readonly record struct PartHistory(string Scope, long StartedAt);

    /// <summary>" FOR UPDATE" where row locks exist (PostgreSQL); empty for SQLite.</summary>
    protected virtual string ForUpdate => "";

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Three workers starting at once would otherwise race on CREATE TABLE IF NOT EXISTS.
        await LockAsync(connection, transaction, "schema", cancellationToken);
        foreach (var statement in StoreSchema.Statements)
        {
            await Db.ExecuteAsync(connection, transaction, statement, cancellationToken);
        }
        if (await Db.ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM gr_schema", cancellationToken) is 0 or 0L)
        {
            await Db.ExecuteAsync(connection, transaction, "INSERT INTO gr_schema (version) VALUES (@v)", cancellationToken, ("@v", StoreSchema.Version));
        }
        // A store written by an earlier version keeps its history: its tables gain what this version writes.
        var version = Convert.ToInt32(await Db.ScalarAsync(connection, transaction, "SELECT MAX(version) FROM gr_schema", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        for (; version < StoreSchema.Version; version++)
        {
            foreach (var upgrade in StoreSchema.Upgrades[version])
            {
                await Db.ExecuteAsync(connection, transaction, upgrade, cancellationToken);
            }
            await Db.ExecuteAsync(connection, transaction, "UPDATE gr_schema SET version = @v", cancellationToken, ("@v", version + 1));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ScanRecord> BeginScanAsync(NewScan scan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, "begin", cancellationToken);
        if (scan.RequestKey is not null && await FindAsync(connection, transaction, "request_key", scan.RequestKey, cancellationToken) is { } existing)
        {
            return existing;
        }
        var id = scan.PreferredId;
        for (var n = 2; await FindAsync(connection, transaction, "scan_id", id, cancellationToken) is not null; n++)
        {
            id = $"{scan.PreferredId}-{n}";
        }
        var accounts = JsonSerializer.Serialize(scan.Accounts.Order(StringComparer.Ordinal));
        await Db.ExecuteAsync(connection, transaction,
            """
            INSERT INTO gr_scans (scan_id, scope, request_key, catalog_hash, config_hash, accounts, started_at, parts_total, parts_pending)
            VALUES (@id, @scope, @request, @catalog, @config, @accounts, @started, @parts, @parts)
            """, cancellationToken,
            ("@id", id), ("@scope", scan.Scope), ("@request", scan.RequestKey), ("@catalog", scan.CatalogHash), ("@config", scan.ConfigHash),
            ("@accounts", accounts), ("@started", Db.Millis(scan.StartedAt)), ("@parts", scan.Parts.Count));
        foreach (var part in scan.Parts)
        {
            await Db.ExecuteAsync(connection, transaction,
                "INSERT INTO gr_scan_parts (scan_id, account_id, region) VALUES (@id, @account, @region)", cancellationToken,
                ("@id", id), ("@account", part.AccountId), ("@region", part.Region));
        }
        var record = (await FindAsync(connection, transaction, "scan_id", id, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    public async Task<ScanRecord?> FindScanAsync(string scanId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await FindAsync(connection, null, "scan_id", scanId, cancellationToken);
    }

    public async Task<ScanRecord?> FindScanByRequestAsync(string requestKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await FindAsync(connection, null, "request_key", requestKey, cancellationToken);
    }

    public async Task<int?> SavePartAsync(PartResult part, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var keys = new (string, object?)[] { ("@id", part.ScanId), ("@account", part.Part.AccountId), ("@region", part.Part.Region) };
        // Locking the part's row makes a second run of the same job wait for the first and then see
        // it done: the first committed result stands, and a finished part is never rewritten (its
        // rows may already carry the statuses the final job gave them).
        var done = await Db.ScalarAsync(connection, transaction,
            $"SELECT done FROM gr_scan_parts WHERE scan_id = @id AND account_id = @account AND region = @region{ForUpdate}", cancellationToken, keys)
            ?? throw new InvalidOperationException($"scan {part.ScanId} has no part {part.Part}");
        if (Convert.ToInt32(done, System.Globalization.CultureInfo.InvariantCulture) == 1)
        {
            var scan = await FindAsync(connection, transaction, "scan_id", part.ScanId, cancellationToken);
            return scan!.IsComplete ? null : scan.PartsPending;
        }
        await Db.ExecuteAsync(connection, transaction,
            "DELETE FROM gr_results WHERE scan_id = @id AND part_account = @account AND part_region = @region", cancellationToken, keys);
        var record = (await FindAsync(connection, transaction, "scan_id", part.ScanId, cancellationToken))!;
        // Read before the rows are written: a scan of the scope completing meanwhile then shows as a
        // changed mark, and completing this scan gives the statuses again (PostgreSQL reads each statement's own snapshot).
        var mark = await CompletedScansAsync(connection, transaction, record.Scope, cancellationToken);
        var given = await WriteResultsAsync(connection, transaction, part.ScanId, part.Part, part.Findings, new PartHistory(record.Scope, Db.Millis(record.StartedAt)), cancellationToken);
        await WriteQuotaUsageAsync(connection, transaction, part.ScanId, part.QuotaUsage, cancellationToken);
        await Db.ExecuteAsync(connection, transaction,
            """
            UPDATE gr_scan_parts SET done = 1, resources = @resources, evaluations = @evaluations, gaps = @gaps, waivers = @waivers, counts = @counts,
              history_mark = @mark
            WHERE scan_id = @id AND account_id = @account AND region = @region
            """, cancellationToken,
            [.. keys, ("@resources", part.Resources), ("@evaluations", JsonSerializer.Serialize(part.Evaluations)),
             ("@gaps", JsonSerializer.Serialize(part.Gaps)), ("@waivers", JsonSerializer.Serialize(part.MatchedWaivers)),
             ("@counts", part.Counts is null ? null : JsonSerializer.Serialize(part.Counts)), ("@mark", given ? mark : null)]);
        var pending = await Db.ScalarAsync(connection, transaction,
            "UPDATE gr_scans SET parts_pending = parts_pending - 1 WHERE scan_id = @id RETURNING parts_pending", cancellationToken, ("@id", part.ScanId));
        await transaction.CommitAsync(cancellationToken);
        return Convert.ToInt32(pending, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<ScanRecord?> FindAsync(DbConnection connection, DbTransaction? transaction, string column, string value, CancellationToken cancellationToken)
    {
        await using var command = Db.Command(connection, transaction,
            $"""
            SELECT scan_id, scope, request_key, catalog_hash, config_hash, started_at, finished_at, parts_total, parts_pending
            FROM gr_scans WHERE {column} = @value
            """, ("@value", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new ScanRecord(
            reader.GetString(0), reader.GetString(1), Db.Text(reader, 2), reader.GetString(3), reader.GetString(4),
            Db.Time(reader.GetInt64(5)), Db.Time(reader, 6), reader.GetInt32(7), reader.GetInt32(8));
    }
}
