using System.Diagnostics;
using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Tests.Scanner.Aws;

/// <summary>The collector's promise to every customer: in any window of t seconds at most burst + rate x t requests start.</summary>
public sealed class RateLimitersTests
{
    [Fact]
    public async Task ATokenThatWaitedInAFullBucketIsNotFollowedByAnotherBeforeItsTime()
    {
        // 10 a second, burst 1: after a pause the bucket is full; the request that takes its token must not be
        // followed by another within 100 ms (a bucket that kept counting time while full once let it through at once).
        await using var limiters = new RateLimiters(10, 1, TimeProvider.System);
        (await limiters.WaitAsync("111111111111", "eu-west-1", "config", TestContext.Current.CancellationToken)).Dispose();
        var gaps = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250 + (round * 17)), TestContext.Current.CancellationToken);
            (await limiters.WaitAsync("111111111111", "eu-west-1", "config", TestContext.Current.CancellationToken)).Dispose();
            var watch = Stopwatch.StartNew();
            (await limiters.WaitAsync("111111111111", "eu-west-1", "config", TestContext.Current.CancellationToken)).Dispose();
            gaps.Add(watch.Elapsed.TotalMilliseconds);
        }
        // 100 ms at 10 a second; the refill timer's 10 ms tick may round down by one tick.
        Assert.All(gaps, gap => Assert.True(gap >= 89, $"two requests {gap:F0} ms apart: {string.Join(", ", gaps.Select(g => g.ToString("F0")))}"));
    }

    [Fact]
    public async Task ConcurrentRequestsOfOneBucketStartAnIntervalApartEvenWhenTheThreadPoolRunsThemLate()
    {
        // Ten concurrent requests of one bucket at 10 a second while the thread pool is kept busy with work items of
        // uneven length, so each released request resumes late by a different amount. AWS counts arrivals: the gap
        // between two real starts must never be under the interval (a schedule fixed in advance gave gaps of 40 ms).
        await using var limiters = new RateLimiters(10, 1, TimeProvider.System);
        var token = TestContext.Current.CancellationToken;
        using var busy = new CancellationTokenSource();
        var load = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(i => Task.Run(() =>
        {
            while (!busy.IsCancellationRequested)
            {
                Thread.Sleep(Random.Shared.Next(1, 80));
            }
        }, token)).ToArray();
        var starts = new List<long>();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var slot = await limiters.WaitAsync("111111111111", "eu-west-1", "ram", token);
            var started = Stopwatch.GetTimestamp();
            slot.Sent();
            lock (starts)
            {
                starts.Add(started);
            }
        }));
        await busy.CancelAsync();
        await Task.WhenAll(load);
        var gaps = starts.Order().Zip(starts.Order().Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).ToList();
        Assert.Equal(9, gaps.Count);
        Assert.All(gaps, gap => Assert.True(gap >= 99, $"two requests {gap:F0} ms apart: {string.Join(", ", gaps.Select(g => g.ToString("F0")))}"));
    }

    [Fact]
    public async Task ARequestIsCountedFromWhenItLeavesForTheWireNotFromWhenTheLimiterReleasedIt()
    {
        // Ten concurrent requests of one bucket at 10 a second, each taking an uneven time between its release and the
        // wire (signing, an SDK's marshalling, a loaded machine): 0 to 150 ms. Counted from the release, a request that
        // took 150 ms was followed 100 ms after its release by one that took none: 50 ms apart on the wire.
        await using var limiters = new RateLimiters(10, 1, TimeProvider.System);
        var token = TestContext.Current.CancellationToken;
        var wire = new WireTimes();
        using var http = AwsHttp.Create(wire);
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var slot = await limiters.WaitAsync("111111111111", "eu-west-1", "ec2", token);
            RequestSlot.Current = slot;
            await Task.Delay(TimeSpan.FromMilliseconds(i % 2 == 0 ? 150 : 0), token);
            using var response = await http.GetAsync(new Uri("http://aws.invalid/"), token);
        }));
        var gaps = wire.Gaps();
        Assert.Equal(9, gaps.Count);
        Assert.All(gaps, gap => Assert.True(gap >= 99, $"two requests {gap:F0} ms apart on the wire: {string.Join(", ", gaps.Select(g => g.ToString("F0")))}"));
    }

    [Fact]
    public async Task ARequestNeverSeenOnTheWireIsCountedWhenItsAttemptEndsAndHoldsTheNextBackTillThen()
    {
        // An HTTP client without the slot's handler (or an attempt that failed before sending): the request is counted
        // from the end of its attempt, late rather than early, and the next one waits for that.
        await using var limiters = new RateLimiters(10, 1, TimeProvider.System);
        var token = TestContext.Current.CancellationToken;
        var first = await limiters.WaitAsync("111111111111", "eu-west-1", "iam", token);
        var second = limiters.WaitAsync("111111111111", "eu-west-1", "iam", token).AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(300), token);
        Assert.False(second.IsCompleted, "the next request was released while the first had not yet been sent");
        var ended = Stopwatch.GetTimestamp();
        first.Dispose();
        using var next = await second;
        Assert.True(Stopwatch.GetElapsedTime(ended).TotalMilliseconds >= 89, "the next request did not wait an interval after the first was counted");
    }

    /// <summary>The wire: records when each request reached it and answers at once.</summary>
    internal sealed class WireTimes : HttpMessageHandler
    {
        private readonly List<long> _times = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_times)
            {
                _times.Add(Stopwatch.GetTimestamp());
            }
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }

        public List<double> Gaps()
        {
            var sorted = _times.Order().ToList();
            return sorted.Zip(sorted.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).ToList();
        }
    }
}
