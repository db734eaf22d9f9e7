using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>AWS Config over JSON 1.1 (<c>StarlingDoveService.*</c>), signed as <c>config</c>.</summary>
internal sealed class ConfigServiceClient(AwsProtocols protocols) : IConfigServiceClient
{
    /// <summary>The batch calls take at most 100 keys. https://docs.aws.amazon.com/config/latest/APIReference/API_BatchGetResourceConfig.html</summary>
    public const int BatchSize = 100;

    /// <summary>Rounds of asking again for unprocessed keys before the batch counts as failed (each round waits for the rate limit).</summary>
    public const int UnprocessedRounds = 10;

    /// <summary>The largest page the listing and query calls allow.</summary>
    private const int PageSize = 100;

    public async IAsyncEnumerable<ConfigResourceKey> ListDiscoveredResourcesAsync(AwsContext context, string resourceType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var input = new JsonObject { ["resourceType"] = resourceType, ["limit"] = PageSize };
            if (token is not null)
            {
                input["nextToken"] = token;
            }
            var page = await protocols.JsonAsync(context, AwsService.Config, "ListDiscoveredResources", input, cancellationToken);
            foreach (var identifier in Array(page, "resourceIdentifiers"))
            {
                yield return new ConfigResourceKey(Text(identifier, "resourceType") ?? resourceType, Text(identifier, "resourceId") ?? "");
            }
            token = Text(page, "nextToken");
        }
        while (!string.IsNullOrEmpty(token));
    }

    public IAsyncEnumerable<JsonElement> BatchGetResourceConfigAsync(AwsContext context, IReadOnlyList<ConfigResourceKey> keys, CancellationToken cancellationToken) =>
        BatchAsync(keys, "BatchGetResourceConfig", "baseConfigurationItems", "unprocessedResourceKeys",
            batch => new JsonObject { ["resourceKeys"] = new JsonArray(batch.Select(k => (JsonNode)new JsonObject { ["resourceType"] = k.ResourceType, ["resourceId"] = k.ResourceId }).ToArray()) },
            e => new ConfigResourceKey(Text(e, "resourceType") ?? "", Text(e, "resourceId") ?? ""),
            context, cancellationToken);

    public IAsyncEnumerable<JsonElement> SelectResourceConfigAsync(AwsContext context, string expression, CancellationToken cancellationToken) =>
        SelectAsync(context, "SelectResourceConfig", new JsonObject { ["Expression"] = expression }, cancellationToken);

    public IAsyncEnumerable<JsonElement> SelectAggregateResourceConfigAsync(AwsContext context, string aggregatorName, string expression, CancellationToken cancellationToken) =>
        SelectAsync(context, "SelectAggregateResourceConfig", new JsonObject { ["Expression"] = expression, ["ConfigurationAggregatorName"] = aggregatorName }, cancellationToken);

    public IAsyncEnumerable<JsonElement> BatchGetAggregateResourceConfigAsync(AwsContext context, string aggregatorName, IReadOnlyList<AggregateResourceKey> keys, CancellationToken cancellationToken) =>
        BatchAsync(keys, "BatchGetAggregateResourceConfig", "BaseConfigurationItems", "UnprocessedResourceIdentifiers",
            batch => new JsonObject
            {
                ["ConfigurationAggregatorName"] = aggregatorName,
                ["ResourceIdentifiers"] = new JsonArray(batch.Select(k => (JsonNode)new JsonObject
                {
                    ["SourceAccountId"] = k.SourceAccountId, ["SourceRegion"] = k.SourceRegion, ["ResourceId"] = k.ResourceId, ["ResourceType"] = k.ResourceType,
                }).ToArray()),
            },
            e => new AggregateResourceKey(Text(e, "SourceAccountId") ?? "", Text(e, "SourceRegion") ?? "", Text(e, "ResourceType") ?? "", Text(e, "ResourceId") ?? ""),
            context, cancellationToken);

    public Task<JsonElement> DescribeConfigurationRecorderStatusAsync(AwsContext context, CancellationToken cancellationToken) =>
        protocols.JsonAsync(context, AwsService.Config, "DescribeConfigurationRecorderStatus", [], cancellationToken);

    public Task<JsonElement> DescribeConfigurationRecordersAsync(AwsContext context, CancellationToken cancellationToken) =>
        protocols.JsonAsync(context, AwsService.Config, "DescribeConfigurationRecorders", [], cancellationToken);

    public async IAsyncEnumerable<JsonElement> DescribeAggregatorSourcesStatusAsync(AwsContext context, string aggregatorName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var input = new JsonObject { ["ConfigurationAggregatorName"] = aggregatorName, ["Limit"] = PageSize };
            if (token is not null)
            {
                input["NextToken"] = token;
            }
            var page = await protocols.JsonAsync(context, AwsService.Config, "DescribeConfigurationAggregatorSourcesStatus", input, cancellationToken);
            foreach (var source in Array(page, "AggregatedSourceStatusList"))
            {
                yield return source;
            }
            token = Text(page, "NextToken");
        }
        while (!string.IsNullOrEmpty(token));
    }

    private async IAsyncEnumerable<JsonElement> SelectAsync(AwsContext context, string operation, JsonObject query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var input = query.DeepClone().AsObject();
            input["Limit"] = PageSize;
            if (token is not null)
            {
                input["NextToken"] = token;
            }
            var page = await protocols.JsonAsync(context, AwsService.Config, operation, input, cancellationToken);
            foreach (var row in Array(page, "Results"))
            {
                // Each row is a JSON document in a string. https://docs.aws.amazon.com/config/latest/APIReference/API_SelectResourceConfig.html
                using var parsed = JsonDocument.Parse(row.GetString() ?? "{}");
                yield return parsed.RootElement.Clone();
            }
            token = Text(page, "NextToken");
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <summary>The items of each batch as it arrives, each readable until the next is asked (the page is read where it arrived).</summary>
    private async IAsyncEnumerable<JsonElement> BatchAsync<TKey>(
        IReadOnlyList<TKey> keys, string operation, string itemsKey, string unprocessedKey,
        Func<IReadOnlyList<TKey>, JsonObject> input, Func<JsonElement, TKey> readKey, AwsContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(BatchSize))
        {
            IReadOnlyList<TKey> pending = chunk;
            for (var round = 0; pending.Count > 0; round++)
            {
                if (round == UnprocessedRounds)
                {
                    throw new AwsServiceException("config", operation, "UnprocessedResourceKeys",
                        $"{pending.Count} resources were still unprocessed after {UnprocessedRounds} rounds", HttpStatusCode.OK);
                }
                using var page = await protocols.JsonAnswerAsync(context, AwsService.Config, operation, input(pending), cancellationToken);
                pending = Array(page.Root, unprocessedKey).Select(readKey).ToList();
                foreach (var item in Array(page.Root, itemsKey))
                {
                    yield return item;
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement page, string key) =>
        page.TryGetProperty(key, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

    private static string? Text(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
