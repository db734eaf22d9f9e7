using System.Text.Json.Nodes;
using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>CloudWatch Logs over JSON 1.1 (<c>Logs_20140328.*</c>), paged by <c>nextToken</c>.</summary>
internal sealed class LogsClient(AwsProtocols protocols) : ILogsClient
{
    /// <summary>The largest page DescribeResourcePolicies allows (limit, 1-50).</summary>
    private const int PageSize = 50;

    public Task<JsonElement> DescribeResourcePoliciesAsync(AwsContext context, CancellationToken cancellationToken) =>
        JsonPages.AllAsync("resourcePolicies", "nextToken", token =>
        {
            var input = new JsonObject { ["limit"] = PageSize };
            if (token is not null)
            {
                input["nextToken"] = token;
            }
            return protocols.JsonAsync(context, AwsService.Logs, "DescribeResourcePolicies", input, cancellationToken);
        }, item => item);
}
