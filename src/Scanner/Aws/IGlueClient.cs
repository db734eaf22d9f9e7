using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The AWS Glue Data Catalog's resource policies in an account and region: the catalog's own policy and those AWS RAM
/// set on its databases and tables for cross-account grants. Every page merged, as the AWS CLI prints <c>aws glue
/// get-resource-policies</c>. AWS Config does not record them.
/// https://docs.aws.amazon.com/glue/latest/webapi/API_GetResourcePolicies.html
/// </summary>
internal interface IGlueClient
{
    /// <summary><c>{"GetResourcePoliciesResponseList": [...]}</c>, each with its <c>PolicyInJson</c> and <c>PolicyHash</c>.</summary>
    Task<JsonElement> GetResourcePoliciesAsync(AwsContext context, CancellationToken cancellationToken);
}
