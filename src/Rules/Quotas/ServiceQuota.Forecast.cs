using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>
/// The usage history a scan attaches to a quota from the findings store, as
/// <c>supplementaryConfiguration.UsageHistory: [{"at": "2026-11-01T02:00:00Z", "usage": 4}, ...]</c>
/// (this scan's own usage last), and the forecast made from it. The rule stays pure: it reads the series
/// from the resource, never the store.
/// </summary>
public static partial class ServiceQuota
{
    public const string UsageHistoryKey = "UsageHistory";

    /// <summary>Whether the scan attached a history at all (a scan without a store attaches none).</summary>
    public static bool HasUsageHistory(Resource quota) => quota.Supplementary(UsageHistoryKey) is { ValueKind: JsonValueKind.Array };

    /// <summary>The usage series, oldest first; points without a time or a numeric usage are left out.</summary>
    public static IReadOnlyList<UsagePoint> UsageHistory(Resource quota)
    {
        if (quota.Supplementary(UsageHistoryKey) is not { ValueKind: JsonValueKind.Array } history)
        {
            return [];
        }
        var points = new List<UsagePoint>();
        foreach (var point in history.EnumerateArray())
        {
            if (JsonPath.Find(point, "at") is { ValueKind: JsonValueKind.String } at
                && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                && Number(JsonPath.Find(point, "usage")) is { } usage)
            {
                points.Add(new UsagePoint(time, usage));
            }
        }
        return [.. points.OrderBy(p => p.At)];
    }

    /// <summary>The forecast of the quota, or null when its value is unknown or its history too short.</summary>
    public static QuotaForecast? Forecast(Resource quota) =>
        Value(quota) is { } value ? QuotaForecast.Compute(UsageHistory(quota), value) : null;

    /// <summary>
    /// Days until the usage trend reaches the quota's value: null when unknown (too little history: a rule
    /// says NotAssessed, never Pass), <see cref="double.PositiveInfinity"/> when the usage is not growing.
    /// </summary>
    public static double? DaysUntilExhausted(Resource quota) =>
        Forecast(quota) is { } forecast ? forecast.DaysUntilExhausted ?? double.PositiveInfinity : null;

    /// <summary>The history as a scan attaches it: <paramref name="points"/> in the shape <see cref="UsageHistory"/> reads.</summary>
    public static JsonElement HistoryJson(IEnumerable<UsagePoint> points) =>
        JsonSerializer.SerializeToElement(points.OrderBy(p => p.At).Select(p => new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["at"] = p.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["usage"] = p.Usage,
        }));
}
