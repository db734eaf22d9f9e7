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
    /// <remarks>
    /// Requests are handled in an order that may differ from their arrivals' (a server sharing its client's cores
    /// handles them up to a second late, some later than others). The bucket keeps every arrival in arrival order and
    /// replays them: the requests over the limit are those that find no token in that order, as at AWS's edge, so
    /// well-spaced requests handled out of order are never counted. A request is answered with throttling when its
    /// arrival adds one to its bucket's count (a request answered already cannot be taken back).
    /// </remarks>
    public bool Admit(string account, string region, string service, TimeSpan arrival)
    {
        var rate = service == "sts" ? stsRequestsPerSecond : requestsPerSecond;
        // STS is one bucket for the caller, whichever account it assumes into.
        var bucket = _buckets.GetOrAdd(service == "sts" ? ("", "", service) : (account, region, service), _ => new Bucket());
        int added;
        lock (bucket)
        {
            var at = bucket.Arrivals.BinarySearch(arrival.TotalSeconds);
            bucket.Arrivals.Insert(at < 0 ? ~at : at, arrival.TotalSeconds);
            var over = Replay(bucket.Arrivals, rate);
            (added, bucket.Over) = (over - bucket.Over, over);
        }
        if (added <= 0)
        {
            return true;
        }
        Interlocked.Add(ref _overLimit, added);
        _overLimitByService.AddOrUpdate(service, added, (_, n) => n + added);
        return false;
    }

    /// <summary>
    /// How many of the arrivals (in order) find no token in a bucket of <c>burst</c> tokens refilled at
    /// <paramref name="rate"/>, <see cref="Tolerance"/> of jitter forgiven; one over takes no token. A bucket holds one
    /// night's requests, tens to a few hundred.
    /// </summary>
    private int Replay(List<double> arrivals, double rate)
    {
        var (tokens, at, over) = ((double)burst, arrivals[0], 0);
        foreach (var arrival in arrivals)
        {
            tokens = Math.Min(burst, tokens + ((arrival - at) * rate));
            at = arrival;
            if (tokens >= 1 - (Tolerance.TotalSeconds * rate))
            {
                tokens -= 1;
            }
            else
            {
                over++;
            }
        }
        return over;
    }

    private sealed class Bucket
    {
        public readonly List<double> Arrivals = [];
        public int Over;
    }
}
