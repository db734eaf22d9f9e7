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
/// start together after a pause: tests/Scanner/Aws/RateLimitersTests.cs.)
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
        if (waiting is not null)
        {
            await waiting.Task.WaitAsync(cancellationToken);
        }
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

    /// <summary>One bucket: the next start it can give (its theoretical arrival time) and the requests waiting for theirs, in order.</summary>
    private sealed class Bucket(double rate, int burst)
    {
        private readonly double _interval = 1 / rate;
        private readonly Queue<(double Start, TaskCompletionSource Ready)> _waiting = new();
        private double _next;

        /// <summary>Reserves the earliest start allowed; null when that is now, else what completes at that start.</summary>
        public TaskCompletionSource? Reserve(double now)
        {
            lock (_waiting)
            {
                var start = Math.Max(now, _next - ((burst - 1) * _interval));
                _next = Math.Max(start, _next) + _interval;
                if (start <= now)
                {
                    return null;
                }
                var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Enqueue((start, ready));
                return ready;
            }
        }

        public void Release(double now, bool disposed = false)
        {
            lock (_waiting)
            {
                while (_waiting.TryPeek(out var first) && first.Start <= now)
                {
                    _waiting.Dequeue();
                    if (disposed)
                    {
                        first.Ready.TrySetException(new OperationCanceledException("the rate limiter was disposed"));
                    }
                    else
                    {
                        first.Ready.TrySetResult();
                    }
                }
            }
        }
    }
}
