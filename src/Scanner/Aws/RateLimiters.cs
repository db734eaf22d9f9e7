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
internal sealed class RateLimiters : IAsyncDisposable
{
    /// <summary>How often waiting requests are released: a small fraction of the usual 100 ms between two requests of a bucket.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Below this interval a bucket's next request is released by a timer of its own at its exact time: waiting for the
    /// tick after the next allowed start added half a tick or more to each interval, and STS's 20 ms (50 a second, one
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

    public RateLimiters(double requestsPerSecond, int burst, TimeProvider time, IReadOnlyDictionary<string, double>? serviceRates = null)
    {
        (_requestsPerSecond, _burst, _serviceRates, _time) = (requestsPerSecond, burst, serviceRates ?? new Dictionary<string, double>(), time);
        _origin = time.GetTimestamp();
        _timer = time.CreateTimer(_ => Release(), null, Tick, Tick);
    }

    /// <summary>
    /// Waits until the request may start and returns its slot. The caller makes the slot <see cref="RequestSlot.Current"/>
    /// for the send and disposes it when the attempt ends: the bucket counts the request from when it reaches the wire
    /// (<see cref="RequestSlotHandler"/>), or, never sent, from the dispose.
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
            await bucket.DisposeTimerAsync();
        }
    }

    /// <summary>
    /// One bucket: its theoretical arrival time (the next start it can give, <c>burst - 1</c> intervals early at most) and
    /// the requests waiting, in order. A request is released at once or on a tick once the bucket allows it, and the next
    /// one only after the released one was sent: the schedule follows the sends that happened, not the releases planned,
    /// so the gap AWS sees between two arrivals never shrinks below the interval because one request was signed, built or
    /// resumed late.
    /// </summary>
    private sealed class Bucket(double rate, int burst, RateLimiters limiters)
    {
        private readonly double _interval = 1 / rate;
        private readonly LinkedList<RequestSlot> _waiting = new();
        private RequestSlot? _unsent;
        private double _next;
        private ITimer? _exact;
        private bool _disposed;

        /// <summary>At a rate beyond one request a tick, the tick is the precision: waiting for each send would cap the rate at the tick's.</summary>
        private bool WaitsForSends => _interval >= Tick.TotalSeconds;

        /// <summary>A nanosecond of float error forgiven: a timer due at the start's exact time finds it allowed.</summary>
        private bool Allows(double now) => now >= _next - ((burst - 1) * _interval) - 1e-9 && (_unsent is null || !WaitsForSends);

        /// <summary>A slot released at once (no <see cref="RequestSlot.Released"/>), or one that waits to be released.</summary>
        public RequestSlot Reserve(double now)
        {
            var slot = new RequestSlot(Sent);
            lock (_waiting)
            {
                if (_waiting.Count == 0 && Allows(now))
                {
                    Take(slot, now);
                    return slot;
                }
                slot.Released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.AddLast(slot);
                limiters._queued.TryAdd(this, 0);
                ArmExactTimer(now);
                return slot;
            }
        }

        public void Release(double now, bool disposed = false)
        {
            lock (_waiting)
            {
                while (_waiting.First is { } first && (disposed || Allows(now)))
                {
                    _waiting.RemoveFirst();
                    if (disposed)
                    {
                        first.Value.Released!.TrySetException(new OperationCanceledException("the rate limiter was disposed"));
                        continue;
                    }
                    Take(first.Value, now);
                    first.Value.Released!.TrySetResult();
                }
                if (_waiting.Count == 0)
                {
                    // Under the bucket's lock, as Reserve adds it: a request queued meanwhile keeps its bucket visited.
                    limiters._queued.TryRemove(this, out _);
                }
                else
                {
                    ArmExactTimer(now);
                }
                _disposed |= disposed;
            }
        }

        /// <summary>
        /// For a short interval, under the lock: when the first waiting request may start (its predecessor sent), a timer
        /// fires then rather than on the next tick. The tick still runs as before: whichever comes first releases it.
        /// </summary>
        private void ArmExactTimer(double now)
        {
            if (_interval >= ExactBelow.TotalSeconds || !WaitsForSends || _unsent is not null || _waiting.Count == 0 || _disposed)
            {
                return;
            }
            // Whole milliseconds, rounded up (less a float's error): a timer that fires a moment early releases nothing and
            // is armed again for the rest.
            var due = Math.Max(1, Math.Ceiling((Math.Max(0, _next - ((burst - 1) * _interval) - now) * 1000) - 1e-6));
            _exact ??= limiters._time.CreateTimer(_ => Release(limiters.Now), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _exact.Change(TimeSpan.FromMilliseconds(due), Timeout.InfiniteTimeSpan);
        }

        public ValueTask DisposeTimerAsync() => _exact?.DisposeAsync() ?? ValueTask.CompletedTask;

        private void Take(RequestSlot slot, double now)
        {
            _next = Math.Max(now, _next) + _interval;
            _unsent = slot;
        }

        /// <summary>The request left for the wire now: the next one leaves an interval after it, at the earliest.</summary>
        private void Sent(RequestSlot slot)
        {
            var now = limiters.Now;
            lock (_waiting)
            {
                _next = Math.Max(_next, now + _interval);
                if (_unsent == slot)
                {
                    _unsent = null;
                    ArmExactTimer(now);
                }
            }
        }

        /// <summary>A request whose caller gave up while it waited: out of the queue, or, released already, no longer holding the next one back.</summary>
        public void Abandon(RequestSlot slot)
        {
            lock (_waiting)
            {
                _waiting.Remove(slot);
                if (_unsent == slot)
                {
                    _unsent = null;
                    ArmExactTimer(limiters.Now);
                }
            }
        }
    }
}
