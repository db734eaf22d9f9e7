using System.Data.Common;
using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>Completing a scan: statuses from the scope's history, resolved findings, the history updated.</summary>
internal abstract partial class SqlFindingsStore
{
    private const string Failing = "'fail', 'suppressed'";

    public async Task<bool> CompleteScanAsync(string scanId, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The row lock makes a second final job wait and then find the scan complete.
        await Db.ExecuteAsync(connection, transaction, $"SELECT scan_id FROM gr_scans WHERE scan_id = @id{ForUpdate}", cancellationToken, ("@id", scanId));
        var scan = await FindAsync(connection, transaction, "scan_id", scanId, cancellationToken)
                   ?? throw new InvalidOperationException($"no scan {scanId} in the store");
        if (scan.IsComplete)
        {
            return false;
        }
        if (scan.PartsPending > 0)
        {
            throw new InvalidOperationException($"scan {scanId} still has {scan.PartsPending} of {scan.PartsTotal} parts to run");
        }
        // Two scans of one scope completing at once would each read the history the other is writing.
        await LockAsync(connection, transaction, "scope:" + scan.Scope, cancellationToken);
        var at = Db.Millis(scan.StartedAt);
        (string, object?)[] keys = [("@id", scanId), ("@scope", scan.Scope), ("@at", at)];
        // Each part's rows were given their statuses as it was saved, from the history as it stood then.
        // If a scan of the scope completed since (or a part was saved without them), every failing
        // finding is new, then those the scope's history holds open become open: two set-based
        // statements (UPDATE ... FROM works in both databases), not a lookup per row.
        var completed = await CompletedScansAsync(connection, transaction, scan.Scope, cancellationToken);
        var stale = await Db.ScalarAsync(connection, transaction,
            "SELECT COUNT(*) FROM gr_scan_parts WHERE scan_id = @id AND (history_mark IS NULL OR history_mark <> @completed)",
            cancellationToken, ("@id", scanId), ("@completed", completed));
        if (Convert.ToInt64(stale, System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            await GiveStatusesAsync(connection, transaction, keys, cancellationToken);
        }
        // Grouped: an ARN that two parts both reported (a bucket listed by two accounts) is one identity.
        var resolved = await ResolvedAsync(connection, transaction, scan, cancellationToken);
        await Db.ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO gr_findings (scope, rule_id, resource_arn, family, severity, resource_type, account_id, region, customer, message, first_seen, last_seen, status, last_scan_id)
            SELECT @scope, rule_id, resource_arn, MIN(family), MIN(severity), MIN(resource_type), MIN(account_id), MIN(region),
                   MIN(customer), MIN(message), MIN(first_seen), @at, MIN(status), @id
            FROM gr_results WHERE scan_id = @id AND verdict IN ({Failing}) GROUP BY rule_id, resource_arn
            ON CONFLICT (scope, rule_id, resource_arn) DO UPDATE SET
              family = excluded.family, severity = excluded.severity, resource_type = excluded.resource_type,
              account_id = excluded.account_id, region = excluded.region, customer = excluded.customer, message = excluded.message,
              first_seen = excluded.first_seen, last_seen = excluded.last_seen, status = excluded.status, last_scan_id = excluded.last_scan_id
            """, cancellationToken, keys);
        var ordinal = 0;
        foreach (var finding in resolved)
        {
            await MarkResolvedAsync(connection, transaction, scan, finding, ordinal++, cancellationToken);
        }
        // Counted in one pass over the scan's rows, not one per status (each read every row of the scan: 191,000 at a million resources).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var command = Db.Command(connection, transaction,
            "SELECT status, COUNT(*) FROM gr_results WHERE scan_id = @id AND status IS NOT NULL GROUP BY status", ("@id", scanId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = checked((int)reader.GetInt64(1));
            }
        }
        await Db.ExecuteAsync(connection, transaction,
            "INSERT INTO gr_history (scope, completed) VALUES (@scope, 1) ON CONFLICT (scope) DO UPDATE SET completed = gr_history.completed + 1",
            cancellationToken, ("@scope", scan.Scope));
        await Db.ExecuteAsync(connection, transaction,
            """
            UPDATE gr_scans SET finished_at = @finished, new_count = @new, open_count = @open, resolved_count = @resolved, suppressed_count = @suppressed
            WHERE scan_id = @id
            """, cancellationToken, ("@id", scanId), ("@finished", Db.Millis(finishedAt)),
            ("@new", counts.GetValueOrDefault("new")), ("@open", counts.GetValueOrDefault("open")),
            ("@resolved", counts.GetValueOrDefault("resolved")), ("@suppressed", counts.GetValueOrDefault("suppressed")));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>How many scans of the scope have completed (0 before the first, or in a store older than version 4).</summary>
    private static async Task<long> CompletedScansAsync(DbConnection connection, DbTransaction transaction, string scope, CancellationToken cancellationToken) =>
        await Db.ScalarAsync(connection, transaction, "SELECT completed FROM gr_history WHERE scope = @scope", cancellationToken, ("@scope", scope)) is { } count
            ? Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static async Task GiveStatusesAsync(DbConnection connection, DbTransaction transaction, (string, object?)[] keys, CancellationToken cancellationToken)
    {
        await Db.ExecuteAsync(connection, transaction,
            $"""
            UPDATE gr_results SET first_seen = @at, status = CASE WHEN verdict = 'suppressed' THEN 'suppressed' ELSE 'new' END
            WHERE scan_id = @id AND verdict IN ({Failing})
            """, cancellationToken, keys);
        await Db.ExecuteAsync(connection, transaction,
            $"""
            UPDATE gr_results SET first_seen = f.first_seen, status = CASE WHEN gr_results.verdict = 'suppressed' THEN 'suppressed' ELSE 'open' END
            FROM gr_findings f
            WHERE gr_results.scan_id = @id AND gr_results.verdict IN ({Failing}) AND f.scope = @scope
              AND f.rule_id = gr_results.rule_id AND f.resource_arn = gr_results.resource_arn AND f.status <> 'resolved'
            """, cancellationToken, keys);
    }

    /// <summary>
    /// The scope's open findings that this scan did not find failing, in accounts it read, outside
    /// its coverage gaps. A finding whose resource could not be read (a gap, an Error, NotAssessed)
    /// is not resolved: silence never reads as fixed.
    /// </summary>
    private async Task<List<Finding>> ResolvedAsync(DbConnection connection, DbTransaction transaction, ScanRecord scan, CancellationToken cancellationToken)
    {
        var accounts = JsonSerializer.Deserialize<HashSet<string>>(
            (string)(await Db.ScalarAsync(connection, transaction, "SELECT accounts FROM gr_scans WHERE scan_id = @id", cancellationToken, ("@id", scan.ScanId)))!)!;
        var gaps = new List<CoverageGap>();
        await using (var command = Db.Command(connection, transaction, "SELECT gaps FROM gr_scan_parts WHERE scan_id = @id", ("@id", scan.ScanId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                gaps.AddRange(JsonSerializer.Deserialize<List<CoverageGap>>(reader.GetString(0))!);
            }
        }
        var resolved = new List<Finding>();
        await using (var command = Db.Command(connection, transaction,
            """
            SELECT rule_id, resource_arn, family, severity, resource_type, account_id, region, customer, message, first_seen
            FROM gr_findings f WHERE f.scope = @scope AND f.status <> 'resolved' AND NOT EXISTS (
              SELECT 1 FROM gr_results r WHERE r.scan_id = @id AND r.rule_id = f.rule_id AND r.resource_arn = f.resource_arn AND r.verdict <> 'pass')
            """, ("@scope", scan.Scope), ("@id", scan.ScanId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var finding = new Finding
                {
                    RuleId = reader.GetString(0), ResourceArn = reader.GetString(1), Family = reader.GetString(2),
                    Severity = StoreNames.ToSeverity(reader.GetString(3)), ResourceType = reader.GetString(4),
                    AccountId = reader.GetString(5), Region = reader.GetString(6), Customer = Db.Text(reader, 7),
                    Verdict = Verdict.Pass, Status = FindingStatus.Resolved, FirstSeen = Db.Time(reader.GetInt64(9)),
                    Message = $"resolved: no longer fails (was: {reader.GetString(8)})",
                };
                if (accounts.Contains(finding.AccountId) && !gaps.Any(g => g.Covers(finding.AccountId, finding.Region, finding.ResourceType)))
                {
                    resolved.Add(finding);
                }
            }
        }
        return resolved;
    }

    private static async Task MarkResolvedAsync(DbConnection connection, DbTransaction transaction, ScanRecord scan, Finding finding, int ordinal, CancellationToken cancellationToken)
    {
        (string, object?)[] identity = [("@id", scan.ScanId), ("@rule", finding.RuleId), ("@arn", finding.ResourceArn), ("@first", Db.Millis(finding.FirstSeen!.Value))];
        // A scan that keeps passes already holds the Pass row: mark it rather than list the finding twice.
        var marked = await Db.ExecuteAsync(connection, transaction,
            "UPDATE gr_results SET status = 'resolved', first_seen = @first WHERE scan_id = @id AND rule_id = @rule AND resource_arn = @arn AND verdict = 'pass'",
            cancellationToken, identity);
        if (marked == 0)
        {
            await Db.ExecuteAsync(connection, transaction,
                $"""
                INSERT INTO gr_results ({StoreSchema.ResultColumns})
                VALUES (@id, '', '', @ordinal, @rule, @arn, @family, @severity, 'pass', @type, @account, @region, @customer, @message, 'resolved', @first, NULL, NULL, NULL, NULL)
                """, cancellationToken,
                [.. identity, ("@ordinal", ordinal), ("@family", finding.Family), ("@severity", StoreNames.Of(finding.Severity)), ("@type", finding.ResourceType),
                 ("@account", finding.AccountId), ("@region", finding.Region), ("@customer", finding.Customer), ("@message", finding.Message)]);
        }
        await Db.ExecuteAsync(connection, transaction,
            "UPDATE gr_findings SET status = 'resolved', last_scan_id = @id WHERE scope = @scope AND rule_id = @rule AND resource_arn = @arn",
            cancellationToken, ("@id", scan.ScanId), ("@scope", scan.Scope), ("@rule", finding.RuleId), ("@arn", finding.ResourceArn));
    }
}
