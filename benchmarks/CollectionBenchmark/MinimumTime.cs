using System.Text.Json;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// The least time the limits and the latency allow for the requests a night made. A bucket of n requests, each waiting for
/// the one before it (pages follow tokens) and for a token (burst b, refilled at r a second), needs at least
/// max(n x latency, (n - b) / r + latency). An account's buckets start once its role is assumed, and STS assumes one role
/// after another at its own rate: the k-th account (the longest first) starts no sooner than (k - b) / sts + latency after
/// GetCallerIdentity. The minimum is the latest account's end.
/// </summary>
internal static class MinimumTime
{
    public static (double Seconds, string Why) Of(JsonElement buckets, BenchmarkOptions options)
    {
        var latency = options.Latency.TotalSeconds;
        double Bucket(int n, double rate) => Math.Max(n * latency, (Math.Max(0, n - options.Burst) / rate) + latency);
        var accounts = buckets.EnumerateArray()
            .Where(b => b.GetProperty("service").GetString() != "sts")
            .GroupBy(b => b.GetProperty("account").GetString()!)
            .Select(g => (Account: g.Key, Seconds: g.Max(b => Bucket(b.GetProperty("count").GetInt32(), options.Rate)),
                Busiest: g.MaxBy(b => b.GetProperty("count").GetInt32())))
            .OrderByDescending(a => a.Seconds)
            .ToList();
        var start = latency; // GetCallerIdentity
        var (end, why) = (0.0, "");
        for (var k = 0; k < accounts.Count; k++)
        {
            var assumed = start + (Math.Max(0, k + 1 - options.Burst) / options.StsRate) + latency;
            if (assumed + accounts[k].Seconds > end)
            {
                var busiest = accounts[k].Busiest;
                (end, why) = (assumed + accounts[k].Seconds,
                    $"account {k + 1} of {accounts.Count} assumed at {assumed:F2} s, then its busiest bucket ({busiest.GetProperty("service").GetString()} in {busiest.GetProperty("region").GetString()}, " +
                    $"{busiest.GetProperty("count").GetInt32()} requests) {accounts[k].Seconds:F2} s");
            }
        }
        return (end, why);
    }
}
