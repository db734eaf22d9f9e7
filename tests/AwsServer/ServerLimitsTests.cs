namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>The test server counts requests over a limit as AWS's edge would: by when they arrived, whatever order it handles them in.</summary>
public sealed class ServerLimitsTests
{
    [Fact]
    public void WellSpacedArrivalsHandledOutOfOrderAreNeverOverALimit()
    {
        // 50 a second, burst 1: arrivals 20 ms apart conform. The server, busy, handles the one of 100 ms first, then
        // the earlier ones: counted in the order handled, the bucket looked empty for them.
        var limits = new ServerLimits(2, 1, 50) { Tolerance = TimeSpan.FromMilliseconds(1) };
        foreach (var ms in new[] { 0, 100, 20, 40, 60, 80, 120, 200, 140, 180, 160 })
        {
            Assert.True(limits.Admit("", "", "sts", TimeSpan.FromMilliseconds(ms)), $"the arrival at {ms} ms was counted over the limit");
        }
        Assert.Equal(0, limits.OverLimit);
    }

    [Fact]
    public void AnArrivalTooCloseToAnotherIsOverTheLimitWhicheverIsHandledFirst()
    {
        // 2 a second, burst 1: 500 ms apart. Two arrivals 300 ms apart are one too many, in either order of handling;
        // the one that is over takes no token, so one 500 ms after the first still conforms.
        foreach (var order in new[] { new[] { 0, 300, 500 }, new[] { 300, 0, 500 } })
        {
            var limits = new ServerLimits(2, 1, 50) { Tolerance = TimeSpan.FromMilliseconds(50) };
            var admitted = order.Select(ms => limits.Admit("111111111111", "eu-west-1", "config", TimeSpan.FromMilliseconds(ms))).ToList();
            Assert.Equal(1, limits.OverLimit);
            Assert.Equal(new Dictionary<string, long> { ["config"] = 1 }, limits.OverLimitByService);
            Assert.True(admitted[2], "an arrival 500 ms after the first was counted over the limit");
        }
    }

    [Fact]
    public void ASustainedExcessSlightlyFasterThanTheRateIsCaughtThoughEachGapIsWithinTheTolerance()
    {
        // 2 a second with 50 ms of jitter forgiven: gaps of 480 ms are each within it, but the bucket runs dry.
        var limits = new ServerLimits(2, 1, 50) { Tolerance = TimeSpan.FromMilliseconds(50) };
        for (var i = 0; i < 20; i++)
        {
            limits.Admit("111111111111", "eu-west-1", "ec2", TimeSpan.FromMilliseconds(i * 480));
        }
        Assert.True(limits.OverLimit > 0, "a sustained excess was not counted");
    }
}
