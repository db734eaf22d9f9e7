namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>When a customer's recurring audit runs: a cron (5 fields, or 6 with seconds) read in a time zone.</summary>
internal sealed record ScheduleSettings(string Cron, string TimeZone)
{
    /// <summary>02:00 every night: after the day's changes, before anyone reads the reports.</summary>
    public static ScheduleSettings Nightly { get; } = new("0 2 * * *", "UTC");

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
