using System.Runtime.CompilerServices;
using System.Text.Json;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// AWS Config's recorded resources of one account and region, written as
/// <c>config/&lt;region&gt;.json</c> in the shape of <c>batch-get-resource-config</c> output. The keys
/// come from an advanced query (one paginated call instead of ListDiscoveredResources once per
/// resource type), the items from the batch calls, 100 keys at a time. With an aggregator, the
/// same is asked of the aggregator, filtered to the account and region.
/// https://docs.aws.amazon.com/config/latest/developerguide/querying-AWS-resources.html
/// </summary>
internal static class ConfigCollector
{
    public static Task<int> CollectAsync(CollectionRun run, AwsContext account, CancellationToken cancellationToken)
    {
        var path = SnapshotLayout.ConfigFile(run.AccountDirectory(account.AccountId), account.Region);
        return SnapshotWriter.WriteListAsync(path, "baseConfigurationItems", DirectAsync(run.Clients.Config, account, cancellationToken), cancellationToken);
    }

    public static async Task<int> CollectFromAggregatorAsync(CollectionRun run, string accountId, string region, CancellationToken cancellationToken)
    {
        var aggregator = run.Settings.Aggregator!;
        var credentials = await run.AggregatorCredentials!.Value;
        var context = new AwsContext(aggregator.AccountId, aggregator.Region, credentials);
        var path = SnapshotLayout.ConfigFile(run.AccountDirectory(accountId), region);
        return await SnapshotWriter.WriteListAsync(path, "BaseConfigurationItems",
            AggregatedAsync(run.Clients.Config, context, aggregator.Name, accountId, region, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<JsonElement> DirectAsync(IConfigServiceClient config, AwsContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var keys = new List<ConfigResourceKey>(ConfigServiceClient.BatchSize);
        await foreach (var row in config.SelectResourceConfigAsync(context, "SELECT resourceType, resourceId", cancellationToken))
        {
            keys.Add(new ConfigResourceKey(Text(row, "resourceType"), Text(row, "resourceId")));
            if (keys.Count == ConfigServiceClient.BatchSize)
            {
                await foreach (var item in config.BatchGetResourceConfigAsync(context, keys, cancellationToken))
                {
                    yield return ConfigItemSecrets.Without(item);
                }
                keys.Clear();
            }
        }
        if (keys.Count > 0)
        {
            await foreach (var item in config.BatchGetResourceConfigAsync(context, keys, cancellationToken))
            {
                yield return ConfigItemSecrets.Without(item);
            }
        }
    }

    private static async IAsyncEnumerable<JsonElement> AggregatedAsync(
        IConfigServiceClient config, AwsContext aggregatorAccount, string aggregator, string accountId, string region, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var expression = $"SELECT accountId, awsRegion, resourceType, resourceId WHERE accountId = '{accountId}' AND awsRegion = '{region}'";
        var keys = new List<AggregateResourceKey>(ConfigServiceClient.BatchSize);
        await foreach (var row in config.SelectAggregateResourceConfigAsync(aggregatorAccount, aggregator, expression, cancellationToken))
        {
            keys.Add(new AggregateResourceKey(accountId, region, Text(row, "resourceType"), Text(row, "resourceId")));
            if (keys.Count == ConfigServiceClient.BatchSize)
            {
                await foreach (var item in config.BatchGetAggregateResourceConfigAsync(aggregatorAccount, aggregator, keys, cancellationToken))
                {
                    yield return ConfigItemSecrets.Without(item);
                }
                keys.Clear();
            }
        }
        if (keys.Count > 0)
        {
            await foreach (var item in config.BatchGetAggregateResourceConfigAsync(aggregatorAccount, aggregator, keys, cancellationToken))
            {
                yield return ConfigItemSecrets.Without(item);
            }
        }
    }

    private static string Text(JsonElement row, string key) =>
        row.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
