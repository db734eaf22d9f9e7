using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// AWS Organizations over JSON 1.1 (<c>AWSOrganizationsV20161128.*</c>), signed as <c>organizations</c> for
/// us-east-1. Each list is followed through <c>NextToken</c> to its last page; an empty page with a token is
/// not the end (Organizations "might return fewer results than the maximum even when there are more").
/// https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListRoots.html
/// </summary>
internal sealed class OrganizationsClient(AwsProtocols protocols) : IOrganizationsClient
{
    /// <summary>The largest page the Organizations list operations allow (MaxResults 1-20).</summary>
    private const int PageSize = 20;

    public IAsyncEnumerable<JsonElement> ListRootsAsync(AwsContext context, CancellationToken cancellationToken) =>
        ListAsync(context, "ListRoots", [], "Roots", cancellationToken);

    public IAsyncEnumerable<JsonElement> ListOrganizationalUnitsForParentAsync(AwsContext context, string parentId, CancellationToken cancellationToken) =>
        ListAsync(context, "ListOrganizationalUnitsForParent", new JsonObject { ["ParentId"] = parentId }, "OrganizationalUnits", cancellationToken);

    public IAsyncEnumerable<JsonElement> ListAccountsForParentAsync(AwsContext context, string parentId, CancellationToken cancellationToken) =>
        ListAsync(context, "ListAccountsForParent", new JsonObject { ["ParentId"] = parentId }, "Accounts", cancellationToken);

    public IAsyncEnumerable<JsonElement> ListPoliciesForTargetAsync(AwsContext context, string targetId, string filter, CancellationToken cancellationToken) =>
        ListAsync(context, "ListPoliciesForTarget", new JsonObject { ["TargetId"] = targetId, ["Filter"] = filter }, "Policies", cancellationToken);

    public async Task<JsonElement> DescribePolicyAsync(AwsContext context, string policyId, CancellationToken cancellationToken) =>
        await protocols.JsonAsync(context, AwsService.Organizations, "DescribePolicy", new JsonObject { ["PolicyId"] = policyId }, cancellationToken);

    private async IAsyncEnumerable<JsonElement> ListAsync(AwsContext context, string operation, JsonObject input, string list, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = (JsonObject)input.DeepClone();
            page["MaxResults"] = PageSize;
            if (token is not null)
            {
                page["NextToken"] = token;
            }
            var answer = await protocols.JsonAsync(context, AwsService.Organizations, operation, page, cancellationToken);
            if (answer.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    yield return AsTheCliPrints(item);
                }
            }
            token = answer.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>
    /// The entry with its timestamps (an account's <c>JoinedTimestamp</c>, epoch seconds on the wire) written as the
    /// AWS CLI prints them by default (<c>cli_timestamp_format = iso8601</c>: Python's <c>isoformat()</c>), in UTC.
    /// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html#cli-config-cli_timestamp_format
    /// </summary>
    private static JsonElement AsTheCliPrints(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("JoinedTimestamp", out var joined) || joined.ValueKind != JsonValueKind.Number)
        {
            return item.Clone();
        }
        var node = JsonNode.Parse(item.GetRawText())!.AsObject();
        node["JoinedTimestamp"] = IsoFormat(joined.GetDouble());
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary><c>2016-12-15T19:30:15+00:00</c>, or with six digits of microseconds when there are any (as Python writes it).</summary>
    internal static string IsoFormat(double epochSeconds)
    {
        var microseconds = (long)Math.Round(epochSeconds * 1_000_000, MidpointRounding.ToEven);
        var time = DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);
        var format = microseconds % 1_000_000 == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.ffffff";
        return time.ToString(format, CultureInfo.InvariantCulture) + "+00:00";
    }
}
