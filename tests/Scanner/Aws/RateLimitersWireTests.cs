using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Tests.Scanner.Aws;

/// <summary>
/// A bucket of a short interval (STS's one bucket for every AssumeRole of a run, 50 a second) releases its requests ahead
/// of their time, to be built and signed meanwhile, and holds them at the wire: each still leaves an interval after the
/// one before it, never sooner.
/// </summary>
public sealed class RateLimitersWireTests
{
    private const string Account = "";
    private const string Region = "us-east-1";
    private const string Sts = "sts";

    [Fact]
    public async Task ARequestReleasedAheadLeavesAtItsTimeNotBeforeNorOnTheTickAfter()
    {
        // 40 a second (25 ms), burst 1, on a fake clock: the next requests are released while the first is unsent, and
        // each reaches the wire 25 ms after the one before it left, not at 24 ms, and not on the 10 ms tick after (30 ms).
        var time = new FakeTimeProvider();
        await using var limiters = new RateLimiters(40, 1, time);
        var token = TestContext.Current.CancellationToken;
        var slots = new List<RequestSlot>();
        for (var request = 0; request < 4; request++)
        {
            var released = limiters.WaitAsync(Account, Region, Sts, token).AsTask();
            Assert.True(released.IsCompleted, $"request {request + 1} was not released ahead of its time");
            slots.Add(await released);
        }
        Assert.True(slots[0].SendingAsync(token).AsTask().IsCompletedSuccessfully, "the first request was held although the bucket was full");
        var sending = slots.Skip(1).Select(slot => slot.SendingAsync(token).AsTask()).ToList();
        foreach (var (next, index) in sending.Select((next, index) => (next, index)))
        {
            time.Advance(TimeSpan.FromMilliseconds(24));
            await Task.Delay(TimeSpan.FromMilliseconds(50), token);
            Assert.False(next.IsCompleted, $"request {index + 2} left 24 ms after the one before it");
            Assert.DoesNotContain(sending.Skip(index + 1), later => later.IsCompleted);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await next.WaitAsync(TimeSpan.FromSeconds(5), token);
        }
        slots.ForEach(slot => slot.Dispose());
    }

    [Fact]
    public async Task RequestsHeldAtTheWireLeaveAnIntervalApartHoweverLongEachTookToBeBuilt()
    {
        // 40 requests at 50 a second, each taking 0 to 60 ms between its release and the wire (the SDK's marshalling,
        // signing, a loaded thread pool): released ahead, they reach the wire in any order, never closer than 20 ms.
        await using var limiters = new RateLimiters(50, 1, TimeProvider.System);
        var token = TestContext.Current.CancellationToken;
        var wire = new RateLimitersTests.WireTimes();
        using var http = AwsHttp.Create(wire);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var slot = await limiters.WaitAsync(Account, Region, Sts, token);
            RequestSlot.Current = slot;
            await Task.Delay(TimeSpan.FromMilliseconds(i * 37 % 61), token);
            using var response = await http.GetAsync(new Uri("http://sts.invalid/"), token);
        }));
        var gaps = wire.Gaps();
        Assert.Equal(39, gaps.Count);
        // The stamp is taken just after the limiter counts the send: a loaded machine (CI's two cores running the suite)
        // may delay one stamp by a few milliseconds, which shortens the gap after it by as much; a limiter that paced
        // from the release, not the send, puts requests built 0 to 60 ms late next to each other (gaps near 0).
        Assert.All(gaps, gap => Assert.True(gap >= 15, $"two requests {gap:F1} ms apart on the wire: {string.Join(", ", gaps.Select(g => g.ToString("F1")))}"));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(39 * 19), $"40 requests in {watch.Elapsed.TotalMilliseconds:F0} ms at 50 a second");
    }

    [Fact]
    public async Task ARequestCanceledAtTheWireIsCountedAtItsPlaceAndTheNextLeavesAnIntervalAfterIt()
    {
        // 40 a second (25 ms): the first leaves at 0, the second (held for 25 ms) is canceled there and its attempt ends,
        // counted in the place it held (it may have reached the wire some other way: never early); the third leaves at
        // 50 ms, not at 25, and is not held back beyond it.
        var time = new FakeTimeProvider();
        await using var limiters = new RateLimiters(40, 1, time);
        var token = TestContext.Current.CancellationToken;
        using var first = await limiters.WaitAsync(Account, Region, Sts, token);
        var second = await limiters.WaitAsync(Account, Region, Sts, token);
        using var third = await limiters.WaitAsync(Account, Region, Sts, token);
        Assert.True(first.SendingAsync(token).AsTask().IsCompletedSuccessfully);
        using var giveUp = new CancellationTokenSource();
        var canceled = second.SendingAsync(giveUp.Token).AsTask();
        var next = third.SendingAsync(token).AsTask();
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        second.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(49));
        await Task.Delay(TimeSpan.FromMilliseconds(50), token);
        Assert.False(next.IsCompleted, "the third request left 24 ms after the place the canceled one held");
        time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5), token);
    }

    [Fact]
    public async Task ABucketReleasesOnlyHalfASecondOfRequestsAheadAndTheNextAsOneIsSent()
    {
        // 50 a second: 25 released ahead (half a second of them), the 26th only once one of them has been counted sent.
        var time = new FakeTimeProvider();
        await using var limiters = new RateLimiters(50, 1, time);
        var token = TestContext.Current.CancellationToken;
        var released = Enumerable.Range(0, 26).Select(_ => limiters.WaitAsync(Account, Region, Sts, token).AsTask()).ToList();
        Assert.Equal(25, released.Count(r => r.IsCompleted));
        var first = await released[0];
        Assert.True(first.SendingAsync(token).AsTask().IsCompletedSuccessfully);
        using var last = await released[25].WaitAsync(TimeSpan.FromSeconds(5), token);
        foreach (var slot in released.Take(25))
        {
            (await slot).Dispose();
        }
    }
}
