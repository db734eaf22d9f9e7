using System.Globalization;
using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// Where one quota forecast chart's marks go, computed here as <see cref="TrendLayout"/> does for the trend,
/// so that the chart is plain SVG: the usage per scan, the Theil–Sen line carried on to the day it meets
/// the quota's value, and the value itself.
/// </summary>
internal sealed class ForecastLayout
{
    public const double Width = 360;
    public const double Height = 130;
    public const double Left = 48;
    public const double Right = 14;
    public const double Top = 12;
    public const double Bottom = 24;

    public ForecastLayout(ForecastedQuota quota)
    {
        Quota = quota;
        var forecast = quota.Forecast;
        Start = forecast.Points[0].At;
        // A quota already at its value is exhausted as of its last point: the chart still needs a span.
        End = forecast.ExhaustedOn is { } on && on > forecast.AsOf ? on : forecast.AsOf.AddDays(1);
        var highest = Math.Max(forecast.Value, forecast.Points.Max(p => p.Usage));
        YMax = highest > 0 ? highest * 1.15 : 1;
    }

    public ForecastedQuota Quota { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    /// <summary>The day the usage reaches the value: the last scan's for a quota already there.</summary>
    public DateTimeOffset ExhaustedOn => Quota.Forecast.ExhaustedOn ?? Quota.Forecast.AsOf;

    public double YMax { get; }

    public static double PlotRight => Width - Right;

    public static double PlotBottom => Height - Bottom;

    public double X(DateTimeOffset at) => Left + (PlotRight - Left) * ((at - Start).TotalDays / (End - Start).TotalDays);

    public double Y(double value) => PlotBottom - (PlotBottom - Top) * Math.Clamp(value, 0, YMax) / YMax;

    /// <summary>The usage series as SVG's points attribute wants it.</summary>
    public string Usage => string.Join(' ', Quota.Forecast.Points.Select(p => Coordinate(X(p.At)) + "," + Coordinate(Y(p.Usage))));

    /// <summary>
    /// The trend line, drawn back from where it meets the value on <see cref="ExhaustedOn"/> with the forecast's slope,
    /// starting at the first scan or where the line crosses zero, whichever is later.
    /// </summary>
    public (double X1, double Y1, double X2, double Y2)? Trend
    {
        get
        {
            var forecast = Quota.Forecast;
            if (forecast.SlopePerDay <= 0)
            {
                return null;
            }
            var daysBack = Math.Min((ExhaustedOn - Start).TotalDays, forecast.Value / forecast.SlopePerDay);
            var from = ExhaustedOn.AddDays(-daysBack);
            return (X(from), Y(forecast.Value - (forecast.SlopePerDay * daysBack)), X(ExhaustedOn), Y(forecast.Value));
        }
    }

    public double ValueY => Y(Quota.Forecast.Value);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
