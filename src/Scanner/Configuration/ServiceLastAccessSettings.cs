using System.Globalization;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// <c>aws.serviceLastAccessed</c> in guardrails.yaml: whether <c>collect</c> asks IAM, for every user and role, when
/// each service its policies allow was last used (one GenerateServiceLastAccessedDetails job per principal), and how
/// hard. Off unless enabled: an account with 2,000 roles is 2,000 jobs.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
/// </summary>
internal sealed class ServiceLastAccessSettings
{
    /// <summary>
    /// Jobs started per second per account. IAM publishes no rate for GenerateServiceLastAccessedDetails, and each job
    /// is work IAM does in the customer's account: one every two seconds keeps an account of 2,000 principals to about
    /// 70 minutes, beside (not out of) the IAM request rate of <see cref="AwsSettings.RequestsPerSecond"/>.
    /// </summary>
    public const double DefaultJobsPerSecond = 0.5;

    /// <summary>How long one job may take: IAM finishes most in seconds, large principals in under a minute.</summary>
    public static readonly TimeSpan DefaultJobTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How often a job's status is asked again while it is IN_PROGRESS.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

    public bool Enabled { get; init; }
    public double JobsPerSecond { get; init; } = DefaultJobsPerSecond;
    public TimeSpan JobTimeout { get; init; } = DefaultJobTimeout;
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    public static ServiceLastAccessSettings FromJson(JsonNode? node, List<string> errors)
    {
        const string path = "aws.serviceLastAccessed";
        if (node is null)
        {
            return new ServiceLastAccessSettings();
        }
        if (node is not JsonObject section)
        {
            errors.Add($"{path}: must be a mapping (enabled, jobsPerSecond, jobTimeoutSeconds, pollIntervalSeconds)");
            return new ServiceLastAccessSettings();
        }
        ConfigValues.KnownKeys(section, path, errors, "enabled", "jobsPerSecond", "jobTimeoutSeconds", "pollIntervalSeconds");
        var settings = new ServiceLastAccessSettings
        {
            Enabled = ConfigValues.Boolean(section["enabled"], $"{path}.enabled", errors) ?? false,
            JobsPerSecond = Number(section, "jobsPerSecond", DefaultJobsPerSecond, 0.01, 100, errors),
            JobTimeout = TimeSpan.FromSeconds(Number(section, "jobTimeoutSeconds", DefaultJobTimeout.TotalSeconds, 1, 3600, errors)),
            PollInterval = TimeSpan.FromSeconds(Number(section, "pollIntervalSeconds", DefaultPollInterval.TotalSeconds, 0.01, 60, errors)),
        };
        if (settings.PollInterval > settings.JobTimeout)
        {
            errors.Add($"{path}.pollIntervalSeconds: must not be more than jobTimeoutSeconds");
        }
        return settings;
    }

    private static double Number(JsonObject section, string key, double fallback, double min, double max, List<string> errors)
    {
        if (section[key] is not { } node)
        {
            return fallback;
        }
        if (!double.TryParse(node.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add($"aws.serviceLastAccessed.{key}: '{node}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return fallback;
        }
        return value;
    }
}
