using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// CloudWatch Logs' resource policies of an account in a region (what lets other accounts and services write to its log
/// groups): every page merged, as the AWS CLI prints <c>aws logs describe-resource-policies</c>. AWS Config does not
/// record them. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeResourcePolicies.html
/// </summary>
internal interface ILogsClient
{
    /// <summary><c>{"resourcePolicies": [...]}</c>, each with its <c>policyName</c> and <c>policyDocument</c> (a JSON string).</summary>
    Task<JsonElement> DescribeResourcePoliciesAsync(AwsContext context, CancellationToken cancellationToken);
}
