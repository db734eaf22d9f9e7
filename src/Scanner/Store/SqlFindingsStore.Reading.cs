using System.Data.Common;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>Reading scans back, the trend, and retention.</summary>
internal abstract partial class SqlFindingsStore
{
    public Task<StoredScan> ReadScanAsync(string scanId, CancellationToken cancellationToken) => ReadScanAsync(scanId, null, cancellationToken);

    public async Task<StoredScan> ReadScanAsync(string scanId, PartResult? written, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var scan = await FindAsync(connection, null, "scan_id", scanId, cancellationToken)
                   ?? throw new InvalidOperationException($"no scan {scanId} in the store");
        var resources = 0;
        var evaluations = new Dictionary<string, FamilySummary>(StringComparer.Ordinal);
        var gaps = new List<CoverageGap>();
        var waivers = new SortedSet<int>();
        // Null as soon as one part has none: partial counts would give wrong rates.
        ScanCounts? scanCounts = new();
        await using (var command = Db.Command(connection, null,
            "SELECT resources, evaluations, gaps, waivers, counts FROM gr_scan_parts WHERE scan_id = @id AND done = 1 ORDER BY account_id, region", ("@id", scanId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                resources += reader.GetInt32(0);
                foreach (var (family, counts) in JsonSerializer.Deserialize<Dictionary<string, FamilySummary>>(reader.GetString(1))!)
                {
                    if (!evaluations.TryGetValue(family, out var total))
                    {
                        evaluations[family] = total = new FamilySummary();
                    }
                    total.Add(counts);
                }
                gaps.AddRange(JsonSerializer.Deserialize<List<CoverageGap>>(reader.GetString(2))!);
                waivers.UnionWith(JsonSerializer.Deserialize<List<int>>(reader.GetString(3))!);
                scanCounts = Db.Text(reader, 4) is { } part && scanCounts is not null ? Add(scanCounts, JsonSerializer.Deserialize<ScanCounts>(part)!) : null;
            }
        }
        var findings = written is null ? [] : await StatusesAsync(connection, written, cancellationToken);
        // Every row but the written part's (all of them when none was given): the findings the scan resolved, other parts'.
        await using (var command = written is null
            ? Db.Command(connection, null, $"SELECT {StoreSchema.ResultColumns} FROM gr_results WHERE scan_id = @id", ("@id", scanId))
            : Db.Command(connection, null,
                $"SELECT {StoreSchema.ResultColumns} FROM gr_results WHERE scan_id = @id AND NOT (part_account = @account AND part_region = @region)",
                ("@id", scanId), ("@account", written.Part.AccountId), ("@region", written.Part.Region)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var rows = new StoredRows(findings);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(reader);
            }
            rows.Resolve(scanId);
        }
        // The order of a one-process scan (rule, then ARN), whatever order the parts were written in;
        // sorted here because the databases' collations of text differ.
        findings.Sort(static (a, b) => string.CompareOrdinal(a.RuleId, b.RuleId) is var c and not 0 ? c
            : string.CompareOrdinal(a.ResourceArn, b.ResourceArn) is var d and not 0 ? d
            : string.CompareOrdinal(a.Region, b.Region));
        return new StoredScan
        {
            Scan = scan,
            Resources = resources,
            Evaluations = evaluations,
            Counts = scanCounts,
            Gaps = gaps,
            MatchedWaivers = waivers,
            Findings = findings,
        };
    }

    /// <summary>
    /// The findings this process wrote as a part, each given the status and first-seen time the store gave its row
    /// (by its ordinal in the part): the same findings a full read gives, without a second copy of every message,
    /// evidence and tag (at a million resources, hundreds of megabytes and seconds of reading).
    /// </summary>
    private static async Task<List<Finding>> StatusesAsync(DbConnection connection, PartResult written, CancellationToken cancellationToken)
    {
        var findings = new Finding?[written.Findings.Count];
        await using (var command = Db.Command(connection, null,
            "SELECT ordinal, status, first_seen FROM gr_results WHERE scan_id = @id AND part_account = @account AND part_region = @region",
            ("@id", written.ScanId), ("@account", written.Part.AccountId), ("@region", written.Part.Region)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var ordinal = reader.GetInt32(0);
                if (ordinal < 0 || ordinal >= findings.Length || findings[ordinal] is not null)
                {
                    throw new InvalidOperationException($"part {written.Part} of scan {written.ScanId} holds rows that this process did not write (ordinal {ordinal})");
                }
                var finding = written.Findings[ordinal];
                // As a full read gives it: no tags is null, and nothing the store does not keep.
                findings[ordinal] = finding with
                {
                    Status = StoreNames.ToStatus(Db.Text(reader, 1)),
                    FirstSeen = Db.Time(reader, 2),
                    Tags = finding.Tags is { Count: > 0 } ? finding.Tags : null,
                    Location = null,
                };
            }
        }
        if (Array.IndexOf(findings, null) is var missing and >= 0)
        {
            throw new InvalidOperationException($"part {written.Part} of scan {written.ScanId} lacks the finding this process wrote at ordinal {missing}");
        }
        return [.. findings.OfType<Finding>()];
    }

    private static ScanCounts Add(ScanCounts total, ScanCounts part)
    {
        total.Add(part);
        return total;
    }

    public async Task<IReadOnlyList<ScanTrendPoint>> TrendAsync(string scope, int count, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Db.Command(connection, null,
            """
            SELECT scan_id, finished_at, new_count, open_count, resolved_count, suppressed_count FROM gr_scans
            WHERE scope = @scope AND finished_at IS NOT NULL ORDER BY finished_at DESC, scan_id DESC LIMIT @count
            """, ("@scope", scope), ("@count", count));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<ScanTrendPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new ScanTrendPoint(reader.GetString(0), Db.Time(reader.GetInt64(1)), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        }
        points.Reverse();
        return points;
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cutoff = Db.Millis(before);
        var doomed = new List<string>();
        // Unfinished scans count from their start: one abandoned (its parts failed for good) goes too.
        await using (var command = Db.Command(connection, transaction,
            """
            SELECT s.scan_id FROM gr_scans s WHERE COALESCE(s.finished_at, s.started_at) < @cutoff
              AND s.scan_id <> COALESCE((SELECT n.scan_id FROM gr_scans n WHERE n.scope = s.scope AND n.finished_at IS NOT NULL
                                         ORDER BY n.finished_at DESC, n.scan_id DESC LIMIT 1), '')
            """, ("@cutoff", cutoff)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                doomed.Add(reader.GetString(0));
            }
        }
        foreach (var scanId in doomed)
        {
            foreach (var table in new[] { "gr_deliveries", "gr_quota_usage", "gr_results", "gr_scan_parts", "gr_scans" })
            {
                await Db.ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE scan_id = @id", cancellationToken, ("@id", scanId));
            }
        }
        // A finding resolved long ago has no history left to tell; one still open is kept however old.
        await Db.ExecuteAsync(connection, transaction,
            "DELETE FROM gr_findings WHERE status = 'resolved' AND last_seen < @cutoff", cancellationToken, ("@cutoff", cutoff));
        await transaction.CommitAsync(cancellationToken);
        return doomed.Count;
    }
}
