using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The IAM operations the collector calls, once per account (IAM is global).
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetCredentialReport.html
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
}
