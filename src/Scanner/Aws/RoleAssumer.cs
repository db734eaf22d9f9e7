using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Turns the caller's credentials into each account's: STS AssumeRole of the audit role, with the
/// customer's external id (the confused-deputy guard of cross-account roles).
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
/// </summary>
internal sealed class RoleAssumer : IDisposable
{
    /// <summary>AssumeRole's default and the audit role's usual maximum session: one hour.</summary>
    private const int SessionSeconds = 3600;

    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly AWSCredentials _caller;
    private readonly RateLimiters _limiters;
    private readonly AwsCallStatistics _statistics;
    private readonly string _region;
    private readonly Polly.ResiliencePipeline _retry;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Action<ImmutableCredentials>? _sessionIssued;

    /// <param name="sessionIssued">Told of every session STS issues, renewals included (to register its secrets for redaction).</param>
    /// <param name="http">The HttpClient every other request goes through (the SDK's own when null).</param>
    public RoleAssumer(AWSCredentials caller, string region, AwsEndpoints endpoints, AwsRetryOptions retry, RateLimiters limiters, AwsCallStatistics statistics, TimeProvider time,
        Action<ImmutableCredentials>? sessionIssued = null, HttpClient? http = null)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            // Our own retry policy applies, as to every other call (and its rate limit to every attempt).
            MaxErrorRetry = 0,
            Timeout = retry.RequestTimeout,
        };
        if (http is not null)
        {
            config.HttpClientFactory = new AwsSdk.SharedHttpClient(http);
        }
        if (endpoints.Override(AwsService.Sts) is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        _sts = new AmazonSecurityTokenServiceClient(caller, config);
        (_caller, _limiters, _statistics, _region, _timeout) = (caller, limiters, statistics, region, retry.RequestTimeout);
        _retry = AwsRetry.Create(retry, statistics, time);
        (_time, _sessionIssued) = (time, sessionIssued);
    }

    /// <summary>The caller's own account: proves the caller's keys before anything else is called.</summary>
    public async Task<string> CallerAccountAsync(CancellationToken cancellationToken)
    {
        var identity = await CallAsync("GetCallerIdentity", token => _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), cancellationToken);
        return identity.Account;
    }

    /// <summary>The audit role's credentials in an account: assumed now, and assumed again before each session expires.</summary>
    public async Task<AWSCredentials> AssumeAsync(string accountId, string roleName, string? externalId, string sessionName, CancellationToken cancellationToken) =>
        await AssumedRoleCredentials.AssumeAsync(token => AssumeSessionAsync(accountId, roleName, externalId, sessionName, token), _time, cancellationToken);

    private async Task<AssumedSession> AssumeSessionAsync(string accountId, string roleName, string? externalId, string sessionName, CancellationToken cancellationToken)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{accountId}:role/{roleName}",
            RoleSessionName = sessionName,
            DurationSeconds = SessionSeconds,
            ExternalId = string.IsNullOrEmpty(externalId) ? null : externalId,
        };
        var response = await CallAsync("AssumeRole", token => _sts.AssumeRoleAsync(request, token), cancellationToken);
        var issued = response.Credentials;
        var credentials = new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken);
        _sessionIssued?.Invoke(credentials);
        // STS always answers with the expiration; without one, the session is taken to last what was asked.
        var expires = issued.Expiration is { } at
            ? new DateTimeOffset(DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind)).ToUniversalTime()
            : _time.GetUtcNow().AddSeconds(SessionSeconds);
        return new AssumedSession(credentials, expires);
    }

    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async token => await AttemptAsync(operation, call, token), cancellationToken);

    private async Task<T> AttemptAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        // Every AssumeRole goes to the caller's own STS: one budget for the whole run.
        using var slot = await _limiters.WaitAsync("caller", _region, AwsService.Sts.SigningName, cancellationToken);
        RequestSlot.Current = slot;
        _statistics.Request();
        try
        {
            // Bounded here, not by the SDK's HttpClient: the HttpClient may be the one shared by every request.
            return await RequestTimeout.BoundAsync(_timeout, $"sts:{operation}", call, cancellationToken);
        }
        catch (AmazonServiceException ex)
        {
            if (AwsErrorCodes.IsThrottling(ex.ErrorCode ?? "", ex.StatusCode))
            {
                _statistics.Throttled();
            }
            throw new AwsServiceException("sts", operation, ex.ErrorCode ?? "Unknown", CredentialRedaction.Redact(ex.Message, _caller), ex.StatusCode);
        }
        catch (AmazonClientException ex)
        {
            throw new AwsServiceException("sts", operation, "ClientError", CredentialRedaction.Redact(ex.Message, _caller), 0);
        }
    }

    public void Dispose() => _sts.Dispose();
}
