using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>AWS RAM over REST-JSON: each operation a POST of its JSON input to its own path, paged by <c>nextToken</c>.</summary>
internal sealed class RamClient(AwsProtocols protocols) : IRamClient
{
    /// <summary>The largest page RAM's model allows (MaxResults, 1-500).</summary>
    private const int PageSize = 500;

    /// <summary>Only the shares the account owns: what it shares with others, not what others share with it.</summary>
    private const string OwnedBySelf = "SELF";

    /// <summary>A guard against a service that never stops paging: far beyond RAM's quota of shares per account.</summary>
    private const int MaxPages = 10_000;

    public Task<JsonElement> GetResourceSharesAsync(AwsContext context, CancellationToken cancellationToken) =>
        AllPagesAsync(context, "GetResourceShares", "/getresourceshares", "resourceShares", cancellationToken);

    public Task<JsonElement> ListResourcesAsync(AwsContext context, CancellationToken cancellationToken) =>
        AllPagesAsync(context, "ListResources", "/listresources", "resources", cancellationToken);

    public Task<JsonElement> ListPrincipalsAsync(AwsContext context, CancellationToken cancellationToken) =>
        AllPagesAsync(context, "ListPrincipals", "/listprincipals", "principals", cancellationToken);

    private async Task<JsonElement> AllPagesAsync(AwsContext context, string operation, string path, string listName, CancellationToken cancellationToken)
    {
        var items = new JsonArray();
        string? token = null;
        for (var pages = 0; ; pages++)
        {
            if (pages == MaxPages)
            {
                throw new InvalidDataException($"ram:{operation} still paging after {MaxPages} pages");
            }
            var input = new JsonObject { ["resourceOwner"] = OwnedBySelf, ["maxResults"] = PageSize };
            if (token is not null)
            {
                input["nextToken"] = token;
            }
            var page = await protocols.RestJsonAsync(context, AwsService.Ram, operation, path, input, cancellationToken);
            if (page.ValueKind == JsonValueKind.Object && page.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    items.Add(AsTheCliPrints(JsonNode.Parse(item.GetRawText())));
                }
            }
            token = page.ValueKind == JsonValueKind.Object && page.TryGetProperty("nextToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                break;
            }
        }
        return JsonSerializer.SerializeToElement(new JsonObject { [listName] = items });
    }

    /// <summary>
    /// Timestamps arrive as epoch seconds (REST-JSON's default) and the CLI prints them as ISO 8601 in UTC: the snapshot
    /// holds what the CLI would have written.
    /// </summary>
    private static JsonNode? AsTheCliPrints(JsonNode? item)
    {
        if (item is JsonObject entry)
        {
            foreach (var name in TimestampNames)
            {
                if (entry[name] is JsonValue value && value.TryGetValue<double>(out var seconds))
                {
                    entry[name] = OrganizationsClient.IsoFormat(seconds);
                }
            }
        }
        return item;
    }

    /// <summary>The DateTime members of ResourceShare, Resource and Principal in RAM's model.</summary>
    private static readonly string[] TimestampNames = ["creationTime", "lastUpdatedTime"];
}
