namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>When a recurring audit runs: a cron (5 fields, or 6 with seconds) read in a time zone.</summary>
internal sealed record ScheduleSettings(string Cron, string TimeZone)
{
    /// <summary>The key of schedules: that applies to every customer without one of its own.</summary>
    public const string DefaultKey = "default";

    /// <summary>The key of schedules: for the estate-wide audit (every account, the platform's too), whose trend is the estate's.</summary>
    public const string EstateKey = "estate";

    /// <summary>02:00 every night: after the day's changes, before anyone reads the reports.</summary>
    public static ScheduleSettings Nightly { get; } = new("0 2 * * *", "UTC");

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
