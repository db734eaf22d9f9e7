using System.Collections.Concurrent;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// AWS's side of the rate limits: a token bucket per (account, region, service), checked on each request's arrival.
/// A request that finds its bucket empty is over the limit: it is counted and answered with the service's throttling
/// error, as AWS would. <see cref="Tolerance"/> forgives arrival jitter (a request the client started on time may arrive
/// a few milliseconds early relative to the one before it), never a sustained excess.
/// </summary>
public sealed class ServerLimits(double requestsPerSecond, int burst, double stsRequestsPerSecond)
{
    private readonly ConcurrentDictionary<(string Account, string Region, string Service), Bucket> _buckets = new();
    private long _overLimit;

    private readonly ConcurrentDictionary<string, long> _overLimitByService = new(StringComparer.Ordinal);

    /// <summary>Requests over a limit, per service.</summary>
    public IReadOnlyDictionary<string, long> OverLimitByService => _overLimitByService.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Requests that arrived while their bucket was empty.</summary>
    public long OverLimit => Interlocked.Read(ref _overLimit);

    /// <summary>Takes a token for the request that arrived at <paramref name="arrival"/> (the server's clock); false (and counted) when its bucket has none.</summary>
    public bool Admit(string account, string region, string service, TimeSpan arrival)
    {
        var rate = service == "sts" ? stsRequestsPerSecond : requestsPerSecond;
        // STS is one bucket for the caller, whichever account it assumes into.
        var bucket = _buckets.GetOrAdd(service == "sts" ? ("", "", service) : (account, region, service), _ => new Bucket(burst));
        lock (bucket)
        {
            // Arrivals are checked in the order they are handled, which may differ slightly from the order they arrived.
            var now = arrival.TotalSeconds;
            bucket.Tokens = Math.Min(burst, bucket.Tokens + (Math.Max(0, now - bucket.At) * rate));
            bucket.At = Math.Max(bucket.At, now);
            if (bucket.Tokens >= 1 - (Tolerance.TotalSeconds * rate))
            {
                bucket.Tokens -= 1;
                return true;
            }
        }
        Interlocked.Increment(ref _overLimit);
        _overLimitByService.AddOrUpdate(service, 1, (_, n) => n + 1);
        return false;
    }

    private sealed class Bucket(int burst)
    {
        public double Tokens = burst;
        public double At;
    }
}
