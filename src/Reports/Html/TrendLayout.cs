using System.Globalization;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// Where the trend chart's lines, points and labels go, computed on the server so that the chart is
/// plain SVG: no script draws it and no charting library is embedded.
/// </summary>
internal sealed class TrendLayout
{
    public const double Width = 1200;
    public const double Height = 250;
    public const double Left = 56;
    public const double Right = 16;
    public const double Top = 14;
    public const double Bottom = 40;

    /// <summary>More date labels than this overlap at the chart's width.</summary>
    private const int MaxDateLabels = 10;

    public TrendLayout(IReadOnlyList<ScanTrendPoint> trend)
    {
        Points = trend;
        var max = trend.Count == 0 ? 0 : trend.Max(p => Math.Max(p.New, Math.Max(p.Open, p.Resolved)));
        var step = NiceStep(Math.Max(max, 4) / 4.0);
        YMax = step * Math.Ceiling(Math.Max(max, 1) / step);
        for (var value = 0.0; value <= YMax + step / 2; value += step)
        {
            YTicks.Add((Y(value), value.ToString("N0", CultureInfo.InvariantCulture)));
        }
        var every = Math.Max(1, (int)Math.Ceiling(trend.Count / (double)MaxDateLabels));
        for (var i = 0; i < trend.Count; i++)
        {
            // The latest scan is always labelled; others as space allows.
            if (i == trend.Count - 1 || (i % every == 0 && trend.Count - 1 - i >= every))
            {
                // The last label ends at the plot's edge rather than straddling it.
                var anchor = i == trend.Count - 1 && trend.Count > 1 ? "end" : "middle";
                XLabels.Add((X(i), Label(trend, i), anchor));
            }
        }
    }

    public IReadOnlyList<ScanTrendPoint> Points { get; }

    /// <summary>A scan's day, and its time too when another scan of the trend finished on the same day.</summary>
    public static string Label(IReadOnlyList<ScanTrendPoint> trend, int index)
    {
        var day = trend[index].FinishedAt.UtcDateTime;
        var shared = trend.Where((p, i) => i != index && p.FinishedAt.UtcDateTime.Date == day.Date).Any();
        return day.ToString(shared ? "dd MMM HH:mm" : "dd MMM", CultureInfo.InvariantCulture);
    }

    public double YMax { get; }

    public List<(double Y, string Label)> YTicks { get; } = [];

    public List<(double X, string Label, string Anchor)> XLabels { get; } = [];

    public static double PlotRight => Width - Right;

    public static double PlotBottom => Height - Bottom;

    public double X(int index) => Points.Count <= 1
        ? (Left + PlotRight) / 2
        : Left + (PlotRight - Left) * index / (Points.Count - 1);

    public double Y(double value) => PlotBottom - (PlotBottom - Top) * value / YMax;

    /// <summary>The polyline of one series, as SVG's points attribute wants it.</summary>
    public string Line(Func<ScanTrendPoint, int> series) => string.Join(' ',
        Points.Select((p, i) => Coordinate(X(i)) + "," + Coordinate(Y(series(p)))));

    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>1, 2 or 5 times a power of ten: steps a reader can add up at a glance.</summary>
    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return magnitude * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10);
    }
}
