using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// One token bucket per (account, region, service): AWS throttles each account's API per region
/// and service, and so a customer's production tooling shares exactly that budget with us.
/// In any window of t seconds at most <c>burst + rate × t</c> requests start.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html
/// </summary>
internal sealed class RateLimiters(double requestsPerSecond, int burst) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Account, string Region, string Service), TokenBucketRateLimiter> _limiters = new();

    public async ValueTask WaitAsync(string account, string region, string service, CancellationToken cancellationToken)
    {
        var limiter = _limiters.GetOrAdd((account, region, service), _ => Create());
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            // The queue is unbounded, so a lease is refused only when the limiter was disposed mid-run.
            throw new OperationCanceledException("the rate limiter was disposed");
        }
    }

    private TokenBucketRateLimiter Create()
    {
        // One token every 1/rate seconds: replenishing in small steps keeps the rate smooth instead of
        // releasing a second's worth of requests at once.
        var period = TimeSpan.FromSeconds(1 / requestsPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters.Values)
        {
            await limiter.DisposeAsync();
        }
    }
}
