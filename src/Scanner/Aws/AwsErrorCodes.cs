using System.Net;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// How AWS error codes are read. The throttling codes are those the SDKs retry as throttling;
/// the authentication codes mean the caller's keys are wrong, not that a resource is missing.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html
/// </summary>
internal static class AwsErrorCodes
{
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    private static readonly HashSet<string> Authentication = new(StringComparer.Ordinal)
    {
        "SignatureDoesNotMatch", "InvalidSignatureException", "InvalidClientTokenId", "UnrecognizedClientException",
        "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId",
        "AuthFailure",
    };

    private static readonly HashSet<string> AccessDenied = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError",
    };

    public static bool IsThrottling(string code, HttpStatusCode status) =>
        Throttling.Contains(code) || status == HttpStatusCode.TooManyRequests;

    public static bool IsAuthentication(string code) => Authentication.Contains(code);

    public static bool IsAccessDenied(string code) => AccessDenied.Contains(code);

    /// <summary>
    /// A region that is not enabled for the account (opt-in regions) refuses the account's tokens:
    /// https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html
    /// </summary>
    public static bool IsRegionNotEnabled(string code) => code is "OptInRequired" or "UnrecognizedClientException" or "InvalidClientTokenId";

    /// <summary>The code without the namespace some JSON services put before it (<c>com.amazon.coral.service#ThrottlingException</c>).</summary>
    public static string Normalise(string code)
    {
        var hash = code.LastIndexOf('#');
        code = hash >= 0 ? code[(hash + 1)..] : code;
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? code[..colon] : code).Trim();
    }
}
