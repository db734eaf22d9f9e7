using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Scanner.Notifications;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// What a report shows from the store beyond the scan's findings: the usage series behind each quota
/// forecast to run out, and the digests of the scope's previous scan that did not reach their channel.
/// </summary>
internal static class ReportHistory
{
    /// <summary>Charts past this many would make the report long to scroll; the findings list every quota.</summary>
    public const int MaxForecastCharts = 60;

    /// <summary>
    /// Each quota that quotas-forecast-exhaustion failed, soonest exhausted first, with the forecast made
    /// again from the same series the rule read (the store's samples of the account up to this scan).
    /// </summary>
    public static async Task<IReadOnlyList<ForecastedQuota>> ForecastsAsync(
        IFindingsStore store, IReadOnlyList<Finding> findings, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var forecasts = new List<ForecastedQuota>();
        foreach (var account in findings.Where(f => f.RuleId == Digest.ForecastRule && f.Verdict == Verdict.Fail).GroupBy(f => f.AccountId))
        {
            var samples = (await store.QuotaUsageAsync(account.Key, asOf.AddDays(-2 * QuotaForecast.WindowDays), cancellationToken))
                .Where(s => s.At <= asOf)
                .ToLookup(s => (s.Region, s.QuotaCode));
            foreach (var finding in account)
            {
                var quotaCode = finding.ResourceArn[(finding.ResourceArn.LastIndexOf('/') + 1)..];
                var series = samples[(finding.Region, quotaCode)].ToList();
                if (series.Count > 0 && QuotaForecast.Compute(series.Select(s => new UsagePoint(s.At, s.Usage)), series[^1].Value) is { ExhaustedOn: not null } forecast)
                {
                    forecasts.Add(new ForecastedQuota(finding.ResourceArn, finding.AccountId, finding.Region, series[^1].ServiceCode, quotaCode, forecast));
                }
            }
        }
        return [.. forecasts.OrderBy(f => f.Forecast.ExhaustedOn).ThenBy(f => f.ResourceArn, StringComparer.Ordinal).Take(MaxForecastCharts)];
    }

    /// <summary>The deliveries of the scope's scan before <paramref name="scanId"/> that failed or never finished.</summary>
    public static async Task<IReadOnlyList<NotificationFailure>> NotificationFailuresAsync(
        IFindingsStore store, string scanId, IReadOnlyList<ScanTrendPoint> trend, CancellationToken cancellationToken)
    {
        var index = trend.Select(p => p.ScanId).ToList().IndexOf(scanId);
        var previous = index switch
        {
            > 0 => trend[index - 1],
            < 0 when trend.Count > 0 => trend[^1],
            _ => null,
        };
        if (previous is null)
        {
            return [];
        }
        var deliveries = await store.DeliveriesAsync(previous.ScanId, cancellationToken);
        return [.. deliveries.Where(d => d.Status != Delivery.Delivered)
            .Select(d => new NotificationFailure(d.ScanId, d.Channel, d.ClaimedAt, d.Status == Delivery.Claimed, d.Attempts, d.Error))];
    }
}
