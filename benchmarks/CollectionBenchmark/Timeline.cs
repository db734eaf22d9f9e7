using System.Text.Json;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// Where a night's time went, from the server's arrivals per (account, region, service): STS's spacing against its
/// 1/rate, when the last account to finish started and how its busiest bucket was spaced, and every bucket's spacing
/// against 1/rate (the gap between two arrivals less the interval, summed over the bucket: the client's slack).
/// </summary>
internal static class Timeline
{
    public static IEnumerable<string> Of(JsonElement buckets, BenchmarkOptions options)
    {
        var all = buckets.EnumerateArray().Select(b => (Account: b.GetProperty("account").GetString()!, Region: b.GetProperty("region").GetString()!,
            Service: b.GetProperty("service").GetString()!, At: b.GetProperty("at").EnumerateArray().Select(a => a.GetDouble()).ToArray())).ToList();
        var origin = all.Min(b => b.At[0]);
        var sts = all.Where(b => b.Service == "sts").SelectMany(b => b.At).Order().ToArray();
        yield return $"timeline: STS {sts.Length} requests from {sts[0] - origin:F2} to {sts[^1] - origin:F2} s, {Spacing(sts)} (1/rate {1000 / options.StsRate:0} ms)";
        var accounts = all.Where(b => b.Service != "sts").GroupBy(b => b.Account)
            .Select(g => (Account: g.Key, Start: g.Min(b => b.At[0]) - origin, End: g.Max(b => b.At[^1]) - origin, Busiest: g.MaxBy(b => b.At.Length)))
            .OrderBy(a => a.Start).ToList();
        var last = accounts.MaxBy(a => a.End);
        var busiest = last.Busiest;
        yield return $"timeline: the last account to finish ({accounts.IndexOf(last) + 1} of {accounts.Count} to start) started at {last.Start:F2} s, ended at {last.End:F2} s; " +
                     $"its busiest bucket ({busiest.Service} in {busiest.Region}, {busiest.At.Length}) from {busiest.At[0] - origin:F2} to {busiest.At[^1] - origin:F2} s, {Spacing(busiest.At)}";
        var rated = all.Where(b => b.Service != "sts" && b.At.Length > 1).ToList();
        var slack = rated.Select(b => Slack(b.At, 1 / options.Rate)).Order().ToArray();
        yield return $"timeline: {rated.Count} buckets of 2 or more, slack beyond 1/rate p50 {slack[slack.Length / 2]:F2} s, p90 {slack[slack.Length * 9 / 10]:F2} s, max {slack[^1]:F2} s; " +
                     $"accounts started from {accounts[0].Start:F2} to {accounts[^1].Start:F2} s";
    }

    private static string Spacing(double[] at)
    {
        var gaps = at.Zip(at.Skip(1), (a, b) => 1000 * (b - a)).Order().ToArray();
        return gaps.Length == 0 ? "one request" : $"gaps p50 {gaps[gaps.Length / 2]:0} ms, p90 {gaps[gaps.Length * 9 / 10]:0} ms, max {gaps[^1]:0} ms";
    }

    /// <summary>The time a bucket's requests took beyond one interval each after the first.</summary>
    private static double Slack(double[] at, double interval) => at[^1] - at[0] - ((at.Length - 1) * interval);
}
