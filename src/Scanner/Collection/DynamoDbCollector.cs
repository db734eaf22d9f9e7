using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// One region's DynamoDB tables with the resource policies of each table and of its enabled stream, which AWS Config
/// does not record: each table described and its policies read every night (there is no change feed of policies), under
/// the dynamodb rate limit, and one gap (<see cref="ServiceResourcePolicies.DynamoDbSource"/>) naming the call when any
/// call fails. A second night takes the list of tables from the previous snapshot where Config shows no table created or
/// deleted (<see cref="ConfigWatchedOutput.DynamoDb"/>).
/// </summary>
internal static class DynamoDbCollector
{
    /// <param name="copy">Holds <c>list-tables</c> when the previous snapshot's list of tables may stand for <c>ListTables</c>.</param>
    public static Task Start(CollectionRun run, AwsContext context, Task<IReadOnlySet<string>> copy, CancellationToken cancellationToken) =>
        run.Gaps.GuardAsync(context.AccountId, context.Region, ServiceResourcePolicies.DynamoDbSource,
            async () => await CollectAsync(run, context, (await copy).Contains(SnapshotLayout.TablesCommand), cancellationToken), cancellationToken);

    /// <summary>
    /// The tables, then each one's description and policies, one after another (they share the dynamodb rate anyway);
    /// <c>list-tables.json</c> is written last and names only the tables described, so a region never lists a table
    /// without its files (one deleted since it was listed is left out).
    /// </summary>
    private static async Task CollectAsync(CollectionRun run, AwsContext context, bool previousList, CancellationToken cancellationToken)
    {
        var (account, region, client) = (run.AccountDirectory(context.AccountId), context.Region, run.Clients.DynamoDb);
        var names = (previousList ? PreviousNames(run, context) : null)
            ?? (await client.ListTablesAsync(context, cancellationToken)).GetProperty("TableNames").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        var described = new List<string>();
        foreach (var name in names)
        {
            // A name as DynamoDB gave it: the file name is checked by the layout, and a malformed answer is this region's gap.
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

    /// <summary>The tables the previous snapshot lists for the account and region; null (after saying why) when its list is not what collect writes.</summary>
    private static List<string>? PreviousNames(CollectionRun run, AwsContext context)
    {
        var state = run.Incremental!;
        var path = SnapshotLayout.TablesFile(state.Previous.AccountDirectory(context.AccountId), context.Region);
        string why;
        try
        {
            using var document = state.Open(path);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("TableNames", out var list) && list.ValueKind == JsonValueKind.Array
                && list.EnumerateArray().All(n => n.ValueKind == JsonValueKind.String && SnapshotLayout.IsTableName(n.GetString()!)))
            {
                return list.EnumerateArray().Select(n => n.GetString()!).ToList();
            }
            why = "it is not a list of table names";
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            why = ex.Message;
        }
        run.Progress.Log($"account {context.AccountId}, region {context.Region}: dynamodb list-tables read again (the previous list is unusable: {run.Secrets.Redact(why)})");
        return null;
    }

    /// <summary>What <c>get-resource-policy/TABLE/table.json</c> (or <c>stream.json</c>) holds when there is no policy.</summary>
    private static readonly JsonElement NoPolicy = JsonDocument.Parse("{}").RootElement;
}
