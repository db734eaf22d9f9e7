using System.Globalization;

namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>
/// When a quota's usage is expected to reach its value: a Theil–Sen line (the median of the slopes between
/// every pair of scans) through the last <see cref="WindowDays"/> days, so that a one-night spike or dip
/// does not move it as it would a least-squares line.
/// See https://en.wikipedia.org/wiki/Theil%E2%80%93Sen_estimator
/// </summary>
public sealed record QuotaForecast
{
    /// <summary>Fewer scans than this give no forecast: a median of so few slopes is one night's noise.</summary>
    public const int MinimumPoints = 5;

    /// <summary>Scans within hours of each other measure the same day, not a trend.</summary>
    public const double MinimumSpanDays = 2;

    public const double WindowDays = 30;

    /// <summary>The usage series the line was fitted to, oldest first, one point per collection time.</summary>
    public required IReadOnlyList<UsagePoint> Points { get; init; }

    /// <summary>The trend in usage per day (Theil–Sen slope); 0 or less when the usage is not growing.</summary>
    public required double SlopePerDay { get; init; }

    public required double Value { get; init; }

    /// <summary>The time of the newest point: the forecast counts days from it, not from the wall clock.</summary>
    public DateTimeOffset AsOf => Points[^1].At;

    /// <summary>Days from <see cref="AsOf"/> until the trend reaches the value; 0 when the usage already has; null when it is not growing.</summary>
    public required double? DaysUntilExhausted { get; init; }

    public DateTimeOffset? ExhaustedOn => DaysUntilExhausted is { } days ? AsOf.AddDays(days) : null;

    /// <summary>The series as a message shows it: <c>3, 4, 5, 6, 7</c>.</summary>
    public string Series => string.Join(", ", Points.Select(p => p.Usage.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>The forecast of a usage history against a quota's value, or null when the history is too short to tell.</summary>
    public static QuotaForecast? Compute(IEnumerable<UsagePoint> history, double value)
    {
        // One point per collection time: the same snapshot scanned twice is one measurement, not two.
        var all = history.GroupBy(p => p.At).Select(g => g.Last()).OrderBy(p => p.At).ToList();
        if (all.Count == 0)
        {
            return null;
        }
        var since = all[^1].At.AddDays(-WindowDays);
        var points = all.Where(p => p.At >= since).ToList();
        var first = points[0].At;
        var x = points.Select(p => (p.At - first).TotalDays).ToArray();
        if (points.Count < MinimumPoints || x[^1] < MinimumSpanDays)
        {
            return null;
        }
        var slopes = new List<double>(points.Count * (points.Count - 1) / 2);
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                slopes.Add((points[j].Usage - points[i].Usage) / (x[j] - x[i]));
            }
        }
        var slope = Median(slopes);
        var intercept = Median(points.Select((p, i) => p.Usage - (slope * x[i])).ToList());
        var level = intercept + (slope * x[^1]);
        double? days = ServiceQuota.Reaches(points[^1].Usage, 1, value) ? 0
            : slope <= 1e-9 ? null
            : Math.Max(0, (value - level) / slope);
        return new QuotaForecast { Points = points, SlopePerDay = slope, Value = value, DaysUntilExhausted = days };
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
