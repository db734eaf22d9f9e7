using System.Collections.Concurrent;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// One token bucket per (account, region, service): AWS throttles each account's API per region
/// and service, and so a customer's production tooling shares exactly that budget with us.
/// In any window of t seconds at most <c>burst + rate × t</c> requests start.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html
/// </summary>
/// <remarks>
/// Each bucket schedules its requests by the generic cell rate algorithm (a token bucket in time: one start every
/// 1/rate seconds, up to <c>burst</c> of them early), so time a bucket spends full is never banked. An estate has
/// thousands of buckets: a timer per bucket, or per waiting request, made the runtime's timer queue the bottleneck of
/// a whole collection; one timer on the injected clock releases every bucket's waiting requests instead.
/// (System.Threading.RateLimiting's TokenBucketRateLimiter, refilled by hand, let two requests of a burst-1 bucket
/// start together after a pause: tests/Scanner/Aws/RateLimitersTests.cs.) A bucket counts a request from the moment it
/// is sent (<see cref="RequestSlot"/>): concurrent requests of one bucket (AWS RAM's three calls, IAM's two) released
/// on a fixed schedule arrived too close whenever the thread pool ran one continuation late and the next on time, and
/// counted from their release, whenever one took longer than the next to be signed and built (EC2's through the SDK).
/// </remarks>
internal sealed partial class RateLimiters : IAsyncDisposable
{
    /// <summary>How often waiting requests are released: a small fraction of the usual 100 ms between two requests of a bucket.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Below this interval a bucket paces its requests at the wire instead (the nested bucket's other file): waiting for
    /// the tick after the next allowed start added half a tick or more to each interval, and STS's 20 ms (50 a second, one
    /// bucket for the whole run, every account's AssumeRole) became 28-30 ms: 300 accounts assumed in 9 s, not 6.
    /// </summary>
    private static readonly TimeSpan ExactBelow = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<(string Account, string Region, string Service), Bucket> _buckets = new();

    /// <summary>
    /// The buckets with requests waiting, which alone each tick visits: an estate has thousands of buckets, and
    /// locking each of them a hundred times a second was a third of the limiter's CPU time (dotnet-trace).
    /// </summary>
    private readonly ConcurrentDictionary<Bucket, byte> _queued = new();
    private readonly double _requestsPerSecond;
    private readonly int _burst;
    private readonly IReadOnlyDictionary<string, double> _serviceRates;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly ITimer _timer;
    private readonly WirePacer _pacer;

    public RateLimiters(double requestsPerSecond, int burst, TimeProvider time, IReadOnlyDictionary<string, double>? serviceRates = null)
    {
        (_requestsPerSecond, _burst, _serviceRates, _time) = (requestsPerSecond, burst, serviceRates ?? new Dictionary<string, double>(), time);
        _origin = time.GetTimestamp();
        _pacer = new WirePacer(time);
        _timer = time.CreateTimer(_ => Release(), null, Tick, Tick);
    }

    /// <summary>
    /// Waits until the request may start (in a bucket of a short interval: may be built and signed, held at the wire until
    /// its time) and returns its slot. The caller makes the slot <see cref="RequestSlot.Current"/> for the send and disposes
    /// it when the attempt ends: the bucket counts the request from when it reaches the wire (<see cref="RequestSlotHandler"/>),
    /// or, never sent, from the dispose.
    /// </summary>
    public async ValueTask<RequestSlot> WaitAsync(string account, string region, string service, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd((account, region, service), key => new Bucket(_serviceRates.TryGetValue(key.Service, out var rate) ? rate : _requestsPerSecond, _burst, this));
        var slot = bucket.Reserve(Now);
        if (slot.Released is not { } released)
        {
            return slot;
        }
        try
        {
            await released.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            bucket.Abandon(slot);
            throw;
        }
        return slot;
    }

    private double Now => _time.GetElapsedTime(_origin).TotalSeconds;

    /// <summary>
    /// The clock's timestamp at <paramref name="seconds"/> since the origin, rounded up, less the nanosecond of float error
    /// the buckets forgive (0.075 s was 750,000.0000001 ticks of 100 ns).
    /// </summary>
    private long TimestampAt(double seconds) => _origin + (long)Math.Ceiling((seconds - 1e-9) * _time.TimestampFrequency);

    private void Release()
    {
        var now = Now;
        foreach (var bucket in _queued.Keys)
        {
            bucket.Release(now);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        foreach (var bucket in _buckets.Values)
        {
            bucket.Release(double.PositiveInfinity, disposed: true);
        }
        _pacer.Dispose();
    }
}
