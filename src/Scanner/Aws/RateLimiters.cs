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
/// really starts: concurrent requests of one bucket (AWS RAM's three calls, IAM's two) released on a fixed schedule
/// arrived too close whenever the thread pool ran one continuation late and the next on time.
/// </remarks>
internal sealed class RateLimiters : IAsyncDisposable
{
    /// <summary>How often waiting requests are released: a small fraction of the usual 100 ms between two requests of a bucket.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<(string Account, string Region, string Service), Bucket> _buckets = new();
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

    public async ValueTask WaitAsync(string account, string region, string service, CancellationToken cancellationToken)
    {
        var bucket = _buckets.GetOrAdd((account, region, service), key => new Bucket(_serviceRates.TryGetValue(key.Service, out var rate) ? rate : _requestsPerSecond, _burst));
        var waiting = bucket.Reserve(Now);
        if (waiting is null)
        {
            return;
        }
        try
        {
            await waiting.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            bucket.Abandon(waiting);
            throw;
        }
        // Counted from here, where the request really goes on: a continuation the thread pool ran late must not be
        // followed by the next request on the old schedule (AWS counts arrivals, and two would arrive too close).
        bucket.Started(waiting, Now);
    }

    private double Now => _time.GetElapsedTime(_origin).TotalSeconds;

    private void Release()
    {
        var now = Now;
        foreach (var bucket in _buckets.Values)
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
    }

    /// <summary>
    /// One bucket: its theoretical arrival time (the next start it can give, <c>burst - 1</c> intervals early at most) and
    /// the requests waiting, in order. A waiting request is released on a tick once the bucket allows it, and the next one
    /// only after the released one has really started: the schedule follows the starts that happened, not the ones planned,
    /// so the gap AWS sees between two arrivals never shrinks below the interval because one continuation ran late.
    /// </summary>
    private sealed class Bucket(double rate, int burst)
    {
        private readonly double _interval = 1 / rate;
        private readonly LinkedList<TaskCompletionSource> _waiting = new();
        private TaskCompletionSource? _released;
        private double _next;

        /// <summary>At a rate beyond one request a tick, the tick is the precision: waiting for each start would cap the rate at the tick's.</summary>
        private bool WaitsForStarts => _interval >= Tick.TotalSeconds;

        private bool Allows(double now) => now >= _next - ((burst - 1) * _interval) && (_released is null || !WaitsForStarts);

        /// <summary>Null when the request may start now (and it is counted as started), else what completes when it may.</summary>
        public TaskCompletionSource? Reserve(double now)
        {
            lock (_waiting)
            {
                if (_waiting.Count == 0 && Allows(now))
                {
                    _next = Math.Max(now, _next) + _interval;
                    return null;
                }
                var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.AddLast(ready);
                return ready;
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
                        first.Value.TrySetException(new OperationCanceledException("the rate limiter was disposed"));
                        continue;
                    }
                    _next = Math.Max(now, _next) + _interval;
                    _released = first.Value;
                    first.Value.TrySetResult();
                }
            }
        }

        /// <summary>The released request started at <paramref name="now"/>: the next start is an interval after it, at the earliest.</summary>
        public void Started(TaskCompletionSource request, double now)
        {
            lock (_waiting)
            {
                _next = Math.Max(_next, now + _interval);
                if (_released == request)
                {
                    _released = null;
                }
            }
        }

        /// <summary>A request whose caller gave up: out of the queue, or, released already, no longer holding the next one back.</summary>
        public void Abandon(TaskCompletionSource request)
        {
            lock (_waiting)
            {
                _waiting.Remove(request);
                if (_released == request)
                {
                    _released = null;
                }
            }
        }
    }
}
