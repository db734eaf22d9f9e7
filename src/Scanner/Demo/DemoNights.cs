using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The nights before the demo's collection, made up from tonight's quota usage so that a newcomer sees
/// forecasts on the first scan: quotas already half used grew to tonight at a pace that exhausts them
/// in about 20 days (the forecast rule fails them), those a third used at a pace of about 45 days (it
/// passes them, beyond the horizon); the rest stayed flat. Deterministic: no random numbers.
/// </summary>
internal static class DemoNights
{
    /// <summary>The forecast's window: older nights would be left out of the trend anyway.</summary>
    public const int Maximum = 30;

    /// <summary>Each of the <paramref name="nights"/> nights before tonight, oldest first, one sample per quota of tonight.</summary>
    public static IReadOnlyList<IReadOnlyList<QuotaUsageSample>> Before(IReadOnlyList<QuotaUsageSample> tonight, int nights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nights);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nights, Maximum);
        return [.. Enumerable.Range(1, nights).Reverse().Select(back => (IReadOnlyList<QuotaUsageSample>)
            [.. tonight.Select(q => q with { Usage = Math.Max(0, q.Usage - (back * PerNight(q))), At = q.At.AddDays(-back) })])];
    }

    /// <summary>How much a quota's usage grew each night up to tonight.</summary>
    public static double PerNight(QuotaUsageSample quota)
    {
        if (quota.Usage <= 0 || quota.Value <= 0)
        {
            return 0;
        }
        var used = quota.Usage / quota.Value;
        var room = Math.Max(0, quota.Value - quota.Usage);
        return used >= 0.5 ? Math.Max(1, Math.Ceiling(room / 20))
            : used >= 0.3 ? Math.Max(1, Math.Ceiling(room / 45))
            : 0;
    }
}
