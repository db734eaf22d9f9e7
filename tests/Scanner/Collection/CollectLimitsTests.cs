using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.AwsServer;

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

    [Fact]
    public async Task NoRequestArrivesOverALimitWhenRequestsTakeUnevenTimesBetweenTheLimiterAndTheWire()
    {
        // A loaded machine: between the limiter's release and the wire each request is held 0 to 150 ms (signing, the
        // AWS SDK's marshalling for EC2, DynamoDB and STS, a busy thread pool). The server counts each arrival from the
        // client's send stamp, forgiving 20 ms of jitter: counted from its release, a request held 150 ms was
        // followed by one held none 100 ms after its release, 50 ms apart at 10 a second.
        const double rate = 10;
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 30, maxPage: 7, regions: ["eu-west-1"]);
        var limits = new ServerLimits(rate, 1, AwsSettings.DefaultStsRequestsPerSecond) { Tolerance = TimeSpan.FromMilliseconds(20) };
        harness.Server.Limits = limits;
        using var http = new HttpClient(new HeldBeforeTheWire(new RequestSlotHandler(new SentAtStamp()))) { Timeout = Timeout.InfiniteTimeSpan };

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings(requestsPerSecond: rate), http: http);

        Assert.Empty(summary.Gaps);
        var requests = harness.Server.Requests;
        var ec2 = requests.Count(r => r.Service == "ec2");
        Assert.True(ec2 >= 20 && requests.Count(r => r.Service == "sts") >= 3, $"{ec2} EC2 requests: the SDK's clients were not exercised");
        Assert.True(limits.OverLimit == 0, $"{limits.OverLimit} requests over a limit: {string.Join(", ", limits.OverLimitByService.Select(p => $"{p.Key} {p.Value}"))}");
    }

    /// <summary>Holds each request 0 to 150 ms before the rate limiter's handler sees it, as a loaded machine does.</summary>
    private sealed class HeldBeforeTheWire(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 150)), cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
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
