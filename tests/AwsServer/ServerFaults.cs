using System.Collections.Concurrent;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>What the server gets wrong on purpose, as AWS does on a bad day. Set before or during a run.</summary>
internal sealed class ServerFaults
{
    private readonly Random _random;

    public ServerFaults(int seed = 7) => _random = new Random(seed);

    /// <summary>The fraction of data-service calls answered with the service's throttling error.</summary>
    public double ThrottleFraction { get; set; }

    /// <summary>The fraction answered 500/503.</summary>
    public double ServerErrorFraction { get; set; }

    /// <summary>Whether STS calls are throttled too (off by default: one STS serves the whole run).</summary>
    public bool ThrottleSts { get; set; }

    /// <summary>The fraction of keys a batch call leaves in <c>unprocessedResourceKeys</c>.</summary>
    public double UnprocessedFraction { get; set; }

    /// <summary>Accounts whose audit role refuses to be assumed (AccessDenied).</summary>
    public ConcurrentDictionary<string, bool> DeniedAssumeRole { get; } = new();

    /// <summary>(account, service) pairs whose calls are denied (a missing permission in the audit role).</summary>
    public ConcurrentDictionary<(string Account, string Service), bool> DeniedServices { get; } = new();

    /// <summary>(account, region) pairs where the region is not enabled: the account's tokens are refused there.</summary>
    public ConcurrentDictionary<(string Account, string Region), bool> DisabledRegions { get; } = new();

    /// <summary>(account, region) pairs whose Config recorder is not recording.</summary>
    public ConcurrentDictionary<(string Account, string Region), bool> RecorderStopped { get; } = new();

    /// <summary>When a recorder last started, where a test restarted it (else the start of 2025).</summary>
    public ConcurrentDictionary<(string Account, string Region), DateTimeOffset> RecorderStartedAt { get; } = new();

    /// <summary>
    /// A recorder's <c>recordingGroup</c> and <c>recordingMode</c> where a test set them (else every supported type,
    /// continuously), as <c>DescribeConfigurationRecorders</c> answers.
    /// </summary>
    public ConcurrentDictionary<(string Account, string Region), (System.Text.Json.Nodes.JsonObject Group, System.Text.Json.Nodes.JsonObject Mode)> Recording { get; } = new();

    /// <summary>(account, region) sources whose last update into the aggregator FAILED.</summary>
    public ConcurrentDictionary<(string Account, string Region), bool> AggregatorSourceFailed { get; } = new();

    /// <summary>Whether an account's own advanced query leaves deleted resources out (as an aggregator's does), instead of answering with their ResourceDeleted item.</summary>
    public bool DeletedHiddenFromQuery { get; set; }

    /// <summary>User and role ARNs whose service-last-accessed jobs end FAILED.</summary>
    public ConcurrentDictionary<string, bool> FailedLastAccessJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>User and role ARNs whose service-last-accessed jobs never leave IN_PROGRESS.</summary>
    public ConcurrentDictionary<string, bool> StuckLastAccessJobs { get; } = new(StringComparer.Ordinal);

    /// <summary>(account, region) pairs whose LookupEvents answer is replaced by this body (a hostile or broken CloudTrail).</summary>
    public ConcurrentDictionary<(string Account, string Region), string> TrailAnswer { get; } = new();

    public bool Roll(double fraction)
    {
        if (fraction <= 0)
        {
            return false;
        }
        lock (_random)
        {
            return _random.NextDouble() < fraction;
        }
    }
}
