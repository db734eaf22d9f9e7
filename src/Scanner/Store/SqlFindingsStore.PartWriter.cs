using System.Data.Common;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>Saving a part, its findings a batch at a time, in one transaction.</summary>
internal abstract partial class SqlFindingsStore
{
    public async Task<IPartWriter> OpenPartAsync(string scanId, PartKey part, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var keys = new (string, object?)[] { ("@id", scanId), ("@account", part.AccountId), ("@region", part.Region) };
            // Locking the part's row makes a second run of the same job wait for the first and then see
            // it done: the first committed result stands, and a finished part is never rewritten (its
            // rows may already carry the statuses the final job gave them).
            var done = await Db.ScalarAsync(connection, transaction,
                $"SELECT done FROM gr_scan_parts WHERE scan_id = @id AND account_id = @account AND region = @region{ForUpdate}", cancellationToken, keys)
                ?? throw new InvalidOperationException($"scan {scanId} has no part {part}");
            if (Convert.ToInt32(done, System.Globalization.CultureInfo.InvariantCulture) == 1)
            {
                var scan = await FindAsync(connection, transaction, "scan_id", scanId, cancellationToken);
                return new PartWriter(this, connection, transaction, keys, default, 0) { Done = (scan!.IsComplete ? null : scan.PartsPending, true) };
            }
            await Db.ExecuteAsync(connection, transaction,
                "DELETE FROM gr_results WHERE scan_id = @id AND part_account = @account AND part_region = @region", cancellationToken, keys);
            var record = (await FindAsync(connection, transaction, "scan_id", scanId, cancellationToken))!;
            // Read before the rows are written: a scan of the scope completing meanwhile then shows as a
            // changed mark, and completing this scan gives the statuses again (PostgreSQL reads each statement's own snapshot).
            var mark = await CompletedScansAsync(connection, transaction, record.Scope, cancellationToken);
            return new PartWriter(this, connection, transaction, keys, new PartHistory(record.Scope, Db.Millis(record.StartedAt)), mark);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <param name="keys">The part's scan id, account and region, as the statements name them.</param>
    /// <param name="mark">The scope's completed scans when the part was opened: what its rows' statuses are given against.</param>
    private sealed class PartWriter(
        SqlFindingsStore store, DbConnection connection, DbTransaction transaction, (string, object?)[] keys, PartHistory history, long mark) : IPartWriter
    {
        private int _written;
        private bool _given = true;

        /// <summary>Set when the part was already done: what saving it returns, and that nothing is written.</summary>
        public (int? Pending, bool Is) Done { get; init; }

        private string ScanId => (string)keys[0].Item2!;

        private PartKey Part => new((string)keys[1].Item2!, (string)keys[2].Item2!);

        public async Task WriteAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
        {
            if (Done.Is)
            {
                return;
            }
            _given &= await store.WriteResultsAsync(connection, transaction, ScanId, Part, _written, findings, history, cancellationToken);
            _written += findings.Count;
        }

        public async Task<int?> SaveAsync(PartResult part, CancellationToken cancellationToken)
        {
            if (Done.Is)
            {
                return Done.Pending;
            }
            if (part.Findings.Count != _written)
            {
                throw new InvalidOperationException($"part {part.Part} of scan {part.ScanId}: {_written} findings written, {part.Findings.Count} saved");
            }
            await WriteQuotaUsageAsync(connection, transaction, part.ScanId, part.QuotaUsage, cancellationToken);
            await Db.ExecuteAsync(connection, transaction,
                """
                UPDATE gr_scan_parts SET done = 1, resources = @resources, evaluations = @evaluations, gaps = @gaps, waivers = @waivers, counts = @counts,
                  history_mark = @mark
                WHERE scan_id = @id AND account_id = @account AND region = @region
                """, cancellationToken,
                [.. keys, ("@resources", part.Resources), ("@evaluations", JsonSerializer.Serialize(part.Evaluations)),
                 ("@gaps", JsonSerializer.Serialize(part.Gaps)), ("@waivers", JsonSerializer.Serialize(part.MatchedWaivers)),
                 ("@counts", part.Counts is null ? null : JsonSerializer.Serialize(part.Counts)), ("@mark", _given ? mark : null)]);
            var pending = await Db.ScalarAsync(connection, transaction,
                "UPDATE gr_scans SET parts_pending = parts_pending - 1 WHERE scan_id = @id RETURNING parts_pending", cancellationToken, ("@id", part.ScanId));
            await transaction.CommitAsync(cancellationToken);
            return Convert.ToInt32(pending, System.Globalization.CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
