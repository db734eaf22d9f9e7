using System.Globalization;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>How numbers and times read in the report: invariant, so a report looks the same wherever it is rendered.</summary>
internal static class Format
{
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan value) => value switch
    {
        { TotalSeconds: < 0 } => "0 s",
        { TotalMinutes: < 1 } => $"{value.Seconds} s",
        { TotalHours: < 1 } => $"{value.Minutes} min {value.Seconds} s",
        _ => $"{(int)value.TotalHours} h {value.Minutes} min",
    };

    /// <summary>The CSS class of a severity badge; names come from our enum, never from data.</summary>
    public static string SeverityClass(Rules.Severity severity) => "badge sev-" + Labels.Wire(severity);

    public static string VerdictClass(Rules.Verdict verdict) => "badge v-" + Labels.Wire(verdict);

    public static string Region(string? region) => region ?? "all regions";
}
