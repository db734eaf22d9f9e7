using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// The <c>aws:</c> section of guardrails.yaml: which role to assume, how hard we may call each
/// customer's APIs, and where the organisation's Config aggregator lives.
/// </summary>
internal sealed partial class AwsSettings
{
    /// <summary>The role created by the onboarding template in every account (SecurityAudit + ViewOnlyAccess).</summary>
    public const string DefaultRoleName = "GuardrailsAudit";

    /// <summary>
    /// Requests per second per (account, region, service). Config, IAM and Tagging share their
    /// per-account API rate with the customer's own tooling; 2/s stays well under the lowest of
    /// their documented or observed rates so that an audit never throttles production.
    /// https://docs.aws.amazon.com/config/latest/developerguide/configlimits.html
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    /// </summary>
    public const double DefaultRequestsPerSecond = 2;

    /// <summary>
    /// Requests per second to STS in the caller's own account (AssumeRole, once per account): not a
    /// customer's budget, and far below STS's quota of 600 requests per second per account.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities
    /// </summary>
    public const double DefaultStsRequestsPerSecond = 50;

    /// <summary>Requests allowed at once before the rate applies: one, so the rate is never exceeded in any window.</summary>
    public const int DefaultBurst = 1;

    /// <summary>
    /// Attempts per request (the first and the retries). AWS's "standard" retry mode uses 3; an audit
    /// that runs at night can wait longer rather than leave a gap.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
    /// </summary>
    public const int DefaultMaxAttempts = 8;

    /// <summary>The first backoff; doubles per attempt, with full jitter (the SDKs' "standard" mode).</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff: the SDKs' standard mode caps at 20 s.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(20);

    /// <summary>Accounts collected at once; each runs its regions and services in parallel under their own rate limits.</summary>
    public const int DefaultAccountConcurrency = 8;

    /// <summary>One HTTP request; AWS answers these read calls in well under a second.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait for IAM to generate the credential report: it is usually ready in seconds,
    /// "up to several minutes" for accounts with many users.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateCredentialReport.html
    /// </summary>
    public static readonly TimeSpan DefaultCredentialReportTimeout = TimeSpan.FromMinutes(2);

    public string RoleName { get; init; } = DefaultRoleName;
    public string? ExternalId { get; init; }
    /// <summary>Per customer id: the external id of that customer's trust policy, overriding <see cref="ExternalId"/>.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    public AggregatorSettings? Aggregator { get; init; }
    public double RequestsPerSecond { get; init; } = DefaultRequestsPerSecond;
    public double StsRequestsPerSecond { get; init; } = DefaultStsRequestsPerSecond;
    public int Burst { get; init; } = DefaultBurst;
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;
    public TimeSpan BaseDelay { get; init; } = DefaultBaseDelay;
    public TimeSpan MaxDelay { get; init; } = DefaultMaxDelay;
    public int AccountConcurrency { get; init; } = DefaultAccountConcurrency;
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;
    public TimeSpan CredentialReportTimeout { get; init; } = DefaultCredentialReportTimeout;
    public ServiceLastAccessSettings ServiceLastAccessed { get; init; } = new();

    /// <summary>The external id for an account's customer, or the estate-wide one.</summary>
    public string? ExternalIdFor(string? customerId) =>
        customerId is not null && ExternalIds.TryGetValue(customerId, out var id) ? id : ExternalId;

    [GeneratedRegex("^[\\w+=,.@-]{1,64}$")]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    /// <summary>Reads the section; problems are added to <paramref name="errors"/> (all at once, with the key that holds them).</summary>
    public static AwsSettings FromJson(JsonObject? aws, IReadOnlyCollection<string> customerIds, List<string> errors)
    {
        aws ??= [];
        var roleName = aws["roleName"]?.ToString() ?? DefaultRoleName;
        if (!RoleNamePattern().IsMatch(roleName))
        {
            errors.Add($"aws.roleName: '{roleName}' is not an IAM role name (1-64 of letters, digits and +=,.@_-)");
        }
        var externalIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (customer, id) in aws["externalIds"] as JsonObject ?? [])
        {
            if (!customerIds.Contains(customer))
            {
                errors.Add($"aws.externalIds.{customer}: no customer has this id");
            }
            externalIds[customer] = id?.ToString() ?? "";
        }
        var limits = aws["rateLimit"] as JsonObject ?? [];
        var retry = aws["retry"] as JsonObject ?? [];
        var settings = new AwsSettings
        {
            RoleName = roleName,
            ExternalId = aws["externalId"]?.ToString(),
            ExternalIds = externalIds,
            Aggregator = aws["aggregator"] is JsonObject aggregator ? ReadAggregator(aggregator, errors) : null,
            RequestsPerSecond = Number(limits, "requestsPerSecond", DefaultRequestsPerSecond, 0.01, 1000, "aws.rateLimit", errors),
            StsRequestsPerSecond = Number(limits, "stsRequestsPerSecond", DefaultStsRequestsPerSecond, 0.01, 1000, "aws.rateLimit", errors),
            Burst = (int)Number(limits, "burst", DefaultBurst, 1, 1000, "aws.rateLimit", errors),
            MaxAttempts = (int)Number(retry, "maxAttempts", DefaultMaxAttempts, 1, 20, "aws.retry", errors),
            BaseDelay = TimeSpan.FromSeconds(Number(retry, "baseDelaySeconds", DefaultBaseDelay.TotalSeconds, 0, 60, "aws.retry", errors)),
            MaxDelay = TimeSpan.FromSeconds(Number(retry, "maxDelaySeconds", DefaultMaxDelay.TotalSeconds, 0, 600, "aws.retry", errors)),
            AccountConcurrency = (int)Number(aws, "accountConcurrency", DefaultAccountConcurrency, 1, 256, "aws", errors),
            RequestTimeout = TimeSpan.FromSeconds(Number(aws, "requestTimeoutSeconds", DefaultRequestTimeout.TotalSeconds, 1, 600, "aws", errors)),
            CredentialReportTimeout = TimeSpan.FromSeconds(Number(aws, "credentialReportTimeoutSeconds", DefaultCredentialReportTimeout.TotalSeconds, 1, 3600, "aws", errors)),
            ServiceLastAccessed = ServiceLastAccessSettings.FromJson(aws["serviceLastAccessed"], errors),
        };
        if (settings.MaxDelay < settings.BaseDelay)
        {
            errors.Add("aws.retry.maxDelaySeconds: must not be less than baseDelaySeconds");
        }
        return settings;
    }

    private static AggregatorSettings? ReadAggregator(JsonObject node, List<string> errors)
    {
        var name = node["name"]?.ToString() ?? "";
        var account = node["accountId"]?.ToString() ?? "";
        var region = node["region"]?.ToString() ?? "";
        if (name.Length == 0)
        {
            errors.Add("aws.aggregator.name: missing (the Config aggregator's name)");
        }
        if (!AccountId().IsMatch(account))
        {
            errors.Add($"aws.aggregator.accountId: '{account}' is not a 12-digit AWS account id (the account that owns the aggregator)");
        }
        if (region.Length == 0)
        {
            errors.Add("aws.aggregator.region: missing (the region the aggregator lives in)");
        }
        return new AggregatorSettings(name, account, region);
    }

    private static double Number(JsonObject node, string key, double fallback, double min, double max, string prefix, List<string> errors)
    {
        if (node[key] is null)
        {
            return fallback;
        }
        if (!double.TryParse(node[key]!.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add($"{prefix}.{key}: '{node[key]}' must be a number from {min} to {max}");
            return fallback;
        }
        return value;
    }
}
