using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// One token bucket per (account, region, service): AWS throttles each account's API per region
/// and service, and so a customer's production tooling shares exactly that budget with us.
/// In any window of t seconds at most <c>burst + rate × t</c> requests start.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html
/// </summary>
/// <remarks>
/// An estate has thousands of buckets. A timer per bucket (the limiter's auto-replenishment), or
/// per waiting request, made the runtime's timer queue the bottleneck of a whole collection; one
/// timer on the injected clock refills every bucket instead, and releases their queued requests.
/// </remarks>
internal sealed class RateLimiters : IAsyncDisposable
{
    /// <summary>How often the buckets are refilled: a small fraction of the usual 100 ms between two requests of a bucket.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<(string Account, string Region, string Service), TokenBucketRateLimiter> _limiters = new();
    private readonly double _requestsPerSecond;
    private readonly int _burst;
    private readonly IReadOnlyDictionary<string, double> _serviceRates;
    private readonly ITimer _timer;

    public RateLimiters(double requestsPerSecond, int burst, TimeProvider time, IReadOnlyDictionary<string, double>? serviceRates = null)
    {
        (_requestsPerSecond, _burst, _serviceRates) = (requestsPerSecond, burst, serviceRates ?? new Dictionary<string, double>());
        _timer = time.CreateTimer(_ => Replenish(), null, Tick, Tick);
    }

    public async ValueTask WaitAsync(string account, string region, string service, CancellationToken cancellationToken)
    {
        var limiter = _limiters.GetOrAdd((account, region, service), key => Create(_serviceRates.TryGetValue(key.Service, out var rate) ? rate : _requestsPerSecond));
        limiter.TryReplenish();
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            // The queue is unbounded, so a lease is refused only when the limiter was disposed mid-run.
            throw new OperationCanceledException("the rate limiter was disposed");
        }
    }

    private void Replenish()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.TryReplenish();
        }
    }

    private TokenBucketRateLimiter Create(double rate)
    {
        // One token every 1/rate seconds; the bucket holds at most `burst` of them.
        var period = TimeSpan.FromSeconds(1 / rate);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = _burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = false,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        foreach (var limiter in _limiters.Values)
        {
            await limiter.DisposeAsync();
        }
    }
}
