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
        await limiters.WaitAsync("111111111111", "eu-west-1", "config", TestContext.Current.CancellationToken);
        var gaps = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250 + (round * 17)), TestContext.Current.CancellationToken);
            await limiters.WaitAsync("111111111111", "eu-west-1", "config", TestContext.Current.CancellationToken);
            var watch = Stopwatch.StartNew();
            await limiters.WaitAsync("111111111111", "eu-west-1", "config", TestContext.Current.CancellationToken);
            gaps.Add(watch.Elapsed.TotalMilliseconds);
        }
        // 100 ms at 10 a second; the refill timer's 10 ms tick may round down by one tick.
        Assert.All(gaps, gap => Assert.True(gap >= 89, $"two requests {gap:F0} ms apart: {string.Join(", ", gaps.Select(g => g.ToString("F0")))}"));
    }
}
