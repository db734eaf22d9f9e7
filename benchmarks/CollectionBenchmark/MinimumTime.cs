using System.Text.Json;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// The least time the limits and the latency allow for the requests a night made. A bucket of n requests, each waiting for
/// the one before it (pages follow tokens) and for a token (burst b, refilled at r a second), needs at least
/// max(n x latency, (n - b) / r + latency). An account's buckets start once its role is assumed. STS is one bucket for
/// the run (burst b, sts a second): GetCallerIdentity takes its first token at 0 and answers after one latency, then the
/// k-th AssumeRole (the longest account first) is STS's (k + 1)-th request, so it starts no sooner than
/// max(latency, (k + 1 - b) / sts) and the account's buckets one latency later. The minimum is the latest account's end.
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
        var (end, why) = (0.0, "");
        for (var k = 0; k < accounts.Count; k++)
        {
            // The (k + 1)-th AssumeRole (k from 0) is STS's request k + 1, after GetCallerIdentity's answer.
            var assumed = Math.Max(latency, Math.Max(0, k + 2 - options.Burst) / options.StsRate) + latency;
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
