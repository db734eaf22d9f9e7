using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>Each customer's trend: the scope's last scans, counted per customer from their findings.</summary>
internal abstract partial class SqlFindingsStore
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ScanTrendPoint>>> CustomerTrendAsync(
        string scope, int count, string? customer, CancellationToken cancellationToken)
    {
        var scans = await TrendAsync(scope, count, cancellationToken);
        if (scans.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal);
        }
        // (customer, scan) → counts by status; a scan where the customer had no finding counts zero.
        var counted = new Dictionary<(string Customer, string ScanId), int[]>();
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var command = Db.Command(connection, null,
            $"""
            SELECT r.scan_id, r.customer, r.status, COUNT(*) FROM gr_results r
            WHERE r.scan_id IN (SELECT s.scan_id FROM gr_scans s WHERE s.scope = @scope AND s.finished_at IS NOT NULL
                                ORDER BY s.finished_at DESC, s.scan_id DESC LIMIT @count)
              AND r.customer IS NOT NULL AND r.status IS NOT NULL{(customer is null ? "" : " AND r.customer = @customer")}
            GROUP BY r.scan_id, r.customer, r.status
            """, customer is null ? [("@scope", scope), ("@count", count)] : [("@scope", scope), ("@count", count), ("@customer", customer)]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(1), reader.GetString(0));
                if (!counted.TryGetValue(key, out var byStatus))
                {
                    counted[key] = byStatus = new int[Enum.GetValues<FindingStatus>().Length];
                }
                byStatus[(int)StoreNames.ToStatus(reader.GetString(2))!.Value] += Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        var trends = new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal);
        foreach (var who in counted.Keys.Select(k => k.Customer).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            trends[who] = [.. scans.Select(scan => counted.TryGetValue((who, scan.ScanId), out var c)
                ? scan with { New = c[(int)FindingStatus.New], Open = c[(int)FindingStatus.Open], Resolved = c[(int)FindingStatus.Resolved], Suppressed = c[(int)FindingStatus.Suppressed] }
                : scan with { New = 0, Open = 0, Resolved = 0, Suppressed = 0 })];
        }
        return trends;
    }
}
