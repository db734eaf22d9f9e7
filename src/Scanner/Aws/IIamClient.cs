using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The IAM operations the collector calls, once per account (IAM is global).
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetCredentialReport.html
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateServiceLastAccessedDetails.html
/// </summary>
internal interface IIamClient
{
    /// <summary>
    /// Users, groups, roles and policies, all pages merged, shaped as <c>aws iam
    /// get-account-authorization-details</c> prints them: the URL-encoded policy documents decoded to JSON.
    /// </summary>
    Task<JsonElement> GetAccountAuthorizationDetailsAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>Starts (or checks) the report's generation; the state: <c>STARTED</c>, <c>INPROGRESS</c> or <c>COMPLETE</c>.</summary>
    Task<string> GenerateCredentialReportAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>The decoded report (CSV).</summary>
    Task<byte[]> GetCredentialReportAsync(AwsContext context, CancellationToken cancellationToken);

    /// <summary>Starts IAM's job that reports when a principal (user or role) last used each service its policies allow; the job id.</summary>
    Task<string> GenerateServiceLastAccessedDetailsAsync(AwsContext context, string principalArn, CancellationToken cancellationToken);

    /// <summary>
    /// The job's state (<c>JobStatus</c>: <c>IN_PROGRESS</c>, <c>COMPLETED</c> or <c>FAILED</c>) and, when completed, every
    /// page of <c>ServicesLastAccessed</c> merged, shaped as <c>aws iam get-service-last-accessed-details</c> prints it.
    /// </summary>
    Task<JsonElement> GetServiceLastAccessedDetailsAsync(AwsContext context, string jobId, CancellationToken cancellationToken);
}
