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
            // Each entry is readable until the next is asked (the page is read where it arrived): every caller writes it at once.
            using var page = await protocols.JsonAnswerAsync(context, AwsService.Tagging, "GetResources", input, cancellationToken);
            if (page.Root.TryGetProperty("ResourceTagMappingList", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var mapping in list.EnumerateArray())
                {
                    yield return mapping;
                }
            }
            // The last page carries an empty PaginationToken rather than none.
            token = page.Root.TryGetProperty("PaginationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>GetResources takes at most 100 ARNs, and no paging parameter beside them. https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html</summary>
    public const int ArnListSize = 100;

    public async IAsyncEnumerable<JsonElement> GetResourcesByArnAsync(AwsContext context, IReadOnlyList<string> arns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in arns.Chunk(ArnListSize))
        {
            var input = new JsonObject { ["ResourceARNList"] = new JsonArray(chunk.Select(a => (JsonNode)a).ToArray()) };
            var page = await protocols.JsonAsync(context, AwsService.Tagging, "GetResources", input, cancellationToken);
            if (page.TryGetProperty("ResourceTagMappingList", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var mapping in list.EnumerateArray())
                {
                    yield return mapping.Clone();
                }
            }
        }
    }
}
