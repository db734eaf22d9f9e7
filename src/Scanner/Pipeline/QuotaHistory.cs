using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Brings the quota usage history to the rules: the store's series is read before an account is
/// evaluated and attached to each quota as <c>supplementaryConfiguration.UsageHistory</c> (this scan's
/// own usage last), so that rules stay pure and a rule's cases can hold a series as plain JSON.
/// </summary>
internal static class QuotaHistory
{
    public const string QuotaType = "AWS::ServiceQuotas::Quota";

    /// <summary>The account's series from the store, over the forecast's window before <paramref name="asOf"/>.</summary>
    public static async Task<IReadOnlyList<QuotaUsageSample>> ReadAsync(IFindingsStore store, string accountId, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        await store.QuotaUsageAsync(accountId, asOf.AddDays(-QuotaForecast.WindowDays), cancellationToken);

    /// <summary>What this scan counted: each quota with a numeric value and a known usage, as of <paramref name="at"/>.</summary>
    public static List<QuotaUsageSample> Samples(IEnumerable<Resource> resources, DateTimeOffset at) =>
        [.. resources.Where(r => r.Type == QuotaType)
            .Select(r => (Resource: r, Value: ServiceQuota.Value(r), Usage: ServiceQuota.Usage(r)))
            .Where(q => q.Value is not null && q.Usage is not null)
            .Select(q => new QuotaUsageSample(q.Resource.AccountId, q.Resource.Region, ServiceQuota.ServiceCode(q.Resource), ServiceQuota.Code(q.Resource), q.Value!.Value, q.Usage!.Value, at))];

    /// <summary>The resources with each quota's series attached; other resources are passed through untouched.</summary>
    public static List<Resource> Attach(IReadOnlyList<Resource> resources, IReadOnlyList<QuotaUsageSample> history, IReadOnlyList<QuotaUsageSample> current)
    {
        var series = history.Concat(current)
            .GroupBy(s => (s.AccountId, s.Region, s.QuotaCode))
            .ToDictionary(g => g.Key, g => g.Select(s => new UsagePoint(s.At, s.Usage)).ToList());
        return [.. resources.Select(r =>
        {
            if (r.Type != QuotaType)
            {
                return r;
            }
            var points = series.TryGetValue((r.AccountId, r.Region, ServiceQuota.Code(r)), out var found) ? found : [];
            var supplementary = new Dictionary<string, System.Text.Json.JsonElement>(r.SupplementaryConfiguration, StringComparer.OrdinalIgnoreCase)
            {
                [ServiceQuota.UsageHistoryKey] = ServiceQuota.HistoryJson(points),
            };
            return r with { SupplementaryConfiguration = supplementary };
        })];
    }
}
