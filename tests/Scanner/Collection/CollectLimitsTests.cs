
namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>The client-side rate limit holds, as the server counts it, even while the server throttles.</summary>
public sealed class CollectLimitsTests
{
    /// <summary>Requests that arrive bunched although they left on time: one delayed in transit, the next not.</summary>
    private const int ArrivalJitter = 2;

    [Fact]
    public async Task ThePerAccountRegionAndServiceRateNeverExceedsTheLimitAsTheServerCountsIt()
    {
        const double rate = 25;
        // 100 resources in pages of 4: Config alone needs 26 requests per (account, region).
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 100, maxPage: 4);
        harness.Server.Faults.ThrottleFraction = 0.2;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings(requestsPerSecond: rate, burst: 1));

        Assert.Empty(summary.Gaps);
        var byKey = harness.Server.Requests.Where(r => r.Service != "sts").GroupBy(r => (r.Account, r.Region, r.Service)).ToList();
        // Per account: IAM once, and per region Config, Tagging, Service Quotas, AWS RAM, Logs, Glue, Lambda, DynamoDB and EC2.
        Assert.Equal(3 * (2 * 9 + 1), byKey.Count);
        var busiest = byKey.Max(g => g.Count());
        Assert.True(busiest >= 25, $"the busiest (account, region, service) made only {busiest} requests: the test would prove nothing");
        foreach (var key in byKey)
        {
            // A token bucket of one token refilled at `rate`: in any window of w seconds at most burst + rate × w
            // requests leave the client. The server sees arrivals, which the network and a loaded machine can
            // bunch by a request or two (one delayed, the next not), never by more.
            var times = key.Select(r => r.At).Order().ToList();
            foreach (var window in new[] { 1.0, 3.0 })
            {
                var most = MostInAnyWindow(times, TimeSpan.FromSeconds(window));
                Assert.True(most <= 1 + (rate * window) + ArrivalJitter, $"{key.Key}: {most} requests within {window} s, limit {rate}/s");
            }
        }
    }

    [Fact]
    public async Task ACollectionIsNeverFasterThanTheLimitAllowsNorFarSlower()
    {
        const double rate = 40;
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 60, maxPage: 4);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings(requestsPerSecond: rate));

        var busiest = harness.Server.Requests.Where(r => r.Service != "sts").GroupBy(r => (r.Account, r.Region, r.Service)).Max(g => g.Count());
        var minimum = TimeSpan.FromSeconds((busiest - 1) / rate);
        Assert.True(summary.Statistics!.Elapsed >= minimum * 0.9, $"{summary.Statistics!.Elapsed} is faster than the limit allows ({minimum})");
        Assert.True(summary.Statistics!.Elapsed < minimum * 3 + TimeSpan.FromSeconds(15), $"{summary.Statistics!.Elapsed} against a minimum of {minimum}");
    }

    internal static int MostInAnyWindow(IReadOnlyList<TimeSpan> sorted, TimeSpan window)
    {
        var most = 0;
        for (int start = 0, end = 0; start < sorted.Count; start++)
        {
            while (end < sorted.Count && sorted[end] - sorted[start] < window)
            {
                end++;
            }
            most = Math.Max(most, end - start);
        }
        return most;
    }
}
