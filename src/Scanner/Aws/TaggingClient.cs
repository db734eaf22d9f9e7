using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>Resource Groups Tagging API over JSON 1.1 (<c>ResourceGroupsTaggingAPI_20170126.*</c>), signed as <c>tagging</c>.</summary>
internal sealed class TaggingClient(AwsProtocols protocols) : ITaggingClient
{
    /// <summary>The largest page GetResources allows.</summary>
    private const int PageSize = 100;

    public async IAsyncEnumerable<JsonElement> GetResourcesAsync(AwsContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var input = new JsonObject { ["ResourcesPerPage"] = PageSize };
            if (!string.IsNullOrEmpty(token))
            {
                input["PaginationToken"] = token;
            }
            var page = await protocols.JsonAsync(context, AwsService.Tagging, "GetResources", input, cancellationToken);
            if (page.TryGetProperty("ResourceTagMappingList", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var mapping in list.EnumerateArray())
                {
                    yield return mapping.Clone();
                }
            }
            // The last page carries an empty PaginationToken rather than none.
            token = page.TryGetProperty("PaginationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
