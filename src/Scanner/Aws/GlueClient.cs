using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>AWS Glue over JSON 1.1 (<c>AWSGlue.*</c>), paged by <c>NextToken</c>.</summary>
internal sealed class GlueClient(AwsProtocols protocols) : IGlueClient
{
    /// <summary>The largest page GetResourcePolicies allows (MaxResults, 1-1000).</summary>
    private const int PageSize = 1000;

    /// <summary>The timestamp members of GluePolicy in Glue's model.</summary>
    private static readonly string[] TimestampNames = ["CreateTime", "UpdateTime"];

    public Task<JsonElement> GetResourcePoliciesAsync(AwsContext context, CancellationToken cancellationToken) =>
        JsonPages.AllAsync("GetResourcePoliciesResponseList", "NextToken", token =>
        {
            var input = new JsonObject { ["MaxResults"] = PageSize };
            if (token is not null)
            {
                input["NextToken"] = token;
            }
            return protocols.JsonAsync(context, AwsService.Glue, "GetResourcePolicies", input, cancellationToken);
        }, item => JsonPages.WithIsoTimes(item, TimestampNames));
}
