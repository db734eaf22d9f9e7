using System.Data.Common;
using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>Quota usage per scan: written with a part, read back as the series a forecast is made from.</summary>
internal abstract partial class SqlFindingsStore
{
    public async Task<IReadOnlyList<QuotaUsageSample>> QuotaUsageAsync(string accountId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // Only completed scans: a scan still running (this one, or one abandoned) has not been judged whole.
        await using var command = Db.Command(connection, null,
            """
            SELECT q.account_id, q.region, q.service_code, q.quota_code, q.quota_value, q.usage_value, q.measured_at
            FROM gr_quota_usage q JOIN gr_scans s ON s.scan_id = q.scan_id
            WHERE q.account_id = @account AND q.measured_at >= @since AND s.finished_at IS NOT NULL
            ORDER BY q.measured_at, q.region, q.quota_code
            """, ("@account", accountId), ("@since", Db.Millis(since)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var samples = new List<QuotaUsageSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new QuotaUsageSample(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetDouble(4), reader.GetDouble(5), Db.Time(reader.GetInt64(6))));
        }
        return samples;
    }

    private static async Task WriteQuotaUsageAsync(
        DbConnection connection, DbTransaction transaction, string scanId, IReadOnlyList<QuotaUsageSample> samples, CancellationToken cancellationToken)
    {
        foreach (var sample in samples)
        {
            // A quota listed twice in one part (a hand-made snapshot) is one measurement.
            await Db.ExecuteAsync(connection, transaction,
                """
                INSERT INTO gr_quota_usage (scan_id, account_id, region, service_code, quota_code, quota_value, usage_value, measured_at)
                VALUES (@id, @account, @region, @service, @code, @value, @usage, @at)
                ON CONFLICT (scan_id, account_id, region, quota_code) DO NOTHING
                """, cancellationToken,
                ("@id", scanId), ("@account", sample.AccountId), ("@region", sample.Region), ("@service", sample.ServiceCode),
                ("@code", sample.QuotaCode), ("@value", sample.Value), ("@usage", sample.Usage), ("@at", Db.Millis(sample.At)));
        }
    }
}
