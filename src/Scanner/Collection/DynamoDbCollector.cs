using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// One region's DynamoDB tables with the resource policies of each table and of its enabled stream, which AWS Config
/// does not record: read whole every night (there is no change feed of policies), under the dynamodb rate limit, and
/// one gap (<see cref="ServiceResourcePolicies.DynamoDbSource"/>) naming the call when any call fails.
/// </summary>
internal static class DynamoDbCollector
{
    public static Task Start(CollectionRun run, AwsContext context, CancellationToken cancellationToken) =>
        run.Gaps.GuardAsync(context.AccountId, context.Region, ServiceResourcePolicies.DynamoDbSource, () => CollectAsync(run, context, cancellationToken), cancellationToken);

    /// <summary>
    /// The tables, then each one's description and policies, one after another (they share the dynamodb rate anyway);
    /// <c>list-tables.json</c> is written last and names only the tables described, so a region never lists a table
    /// without its files (one deleted since it was listed is left out).
    /// </summary>
    private static async Task CollectAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken)
    {
        var (account, region, client) = (run.AccountDirectory(context.AccountId), context.Region, run.Clients.DynamoDb);
        var listed = await client.ListTablesAsync(context, cancellationToken);
        var described = new List<string>();
        foreach (var entry in listed.GetProperty("TableNames").EnumerateArray())
        {
            // A name as DynamoDB gave it: the file name is checked by the layout, and a malformed answer is this region's gap.
            var name = entry.GetString() ?? "";
            var path = SnapshotLayout.TableFile(account, region, name);
            if (await client.DescribeTableAsync(context, name, cancellationToken) is not { } answer)
            {
                continue;
            }
            var table = answer.GetProperty("Table");
            var tablePolicy = await client.GetResourcePolicyAsync(context, table.GetProperty("TableArn").GetString()!, cancellationToken);
            await SnapshotWriter.WriteJsonAsync(SnapshotLayout.TablePolicyFile(account, region, name), tablePolicy ?? NoPolicy, cancellationToken);
            if (table.TryGetProperty("StreamSpecification", out var stream) && stream.TryGetProperty("StreamEnabled", out var enabled)
                && enabled.ValueKind == JsonValueKind.True && table.TryGetProperty("LatestStreamArn", out var streamArn))
            {
                var streamPolicy = await client.GetResourcePolicyAsync(context, streamArn.GetString()!, cancellationToken);
                await SnapshotWriter.WriteJsonAsync(SnapshotLayout.StreamPolicyFile(account, region, name), streamPolicy ?? NoPolicy, cancellationToken);
            }
            await SnapshotWriter.WriteJsonAsync(path, answer, cancellationToken);
            described.Add(name);
        }
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.TablesFile(account, region),
            JsonSerializer.SerializeToElement(new { TableNames = described }), cancellationToken);
    }

    /// <summary>What <c>get-resource-policy/TABLE/table.json</c> (or <c>stream.json</c>) holds when there is no policy.</summary>
    private static readonly JsonElement NoPolicy = JsonDocument.Parse("{}").RootElement;
}
