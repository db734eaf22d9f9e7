using System.Text.Json;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The resource policies AWS Config does not record, in one region of one account: CloudWatch Logs' resource policies,
/// the Glue Data Catalog's, and the policy of each Lambda layer's latest version. Each service is read whole (none has a change feed;
/// a second night copies one whose CloudTrail events show no change), under its own rate limit, and is its own gap when it fails.
/// </summary>
internal static class ServicePolicyCollector
{
    /// <param name="trail">On a second night, CloudTrail's write events of the region: a service none of them touched is copied.</param>
    public static IEnumerable<Task> Start(CollectionRun run, AwsContext context, Task<TrailChanges?> trail, CancellationToken cancellationToken) =>
    [
        TrailCopy.GuardAsync(run, context, trail, TrailWatchedSource.Logs, () => LogsAsync(run, context, cancellationToken), cancellationToken),
        TrailCopy.GuardAsync(run, context, trail, TrailWatchedSource.Glue, () => GlueAsync(run, context, cancellationToken), cancellationToken),
        TrailCopy.GuardAsync(run, context, trail, TrailWatchedSource.LambdaLayers, () => LayersAsync(run, context, cancellationToken), cancellationToken),
    ];

    private static async Task LogsAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken) =>
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.LogsPoliciesFile(run.AccountDirectory(context.AccountId), context.Region),
            await run.Clients.Logs.DescribeResourcePoliciesAsync(context, cancellationToken), cancellationToken);

    private static async Task GlueAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken) =>
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.GluePoliciesFile(run.AccountDirectory(context.AccountId), context.Region),
            await run.Clients.Glue.GetResourcePoliciesAsync(context, cancellationToken), cancellationToken);

    /// <summary>
    /// The layers, then the policy of each one's latest version, one after another (they share the lambda rate anyway);
    /// <c>list-layers.json</c> is written last, so a region never has a layer without its policy file.
    /// </summary>
    private static async Task LayersAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken)
    {
        var account = run.AccountDirectory(context.AccountId);
        var layers = await run.Clients.Lambda.ListLayersAsync(context, cancellationToken);
        foreach (var layer in layers.GetProperty("Layers").EnumerateArray())
        {
            // A layer as Lambda named it: the file name is checked by the layout, and a malformed answer is this region's gap.
            var name = layer.GetProperty("LayerName").GetString() ?? "";
            var version = layer.GetProperty("LatestMatchingVersion").GetProperty("Version").GetInt64();
            var path = SnapshotLayout.LayerPolicyFile(account, context.Region, name, version);
            var policy = await run.Clients.Lambda.GetLayerVersionPolicyAsync(context, name, version, cancellationToken);
            await SnapshotWriter.WriteJsonAsync(path, policy ?? NoPolicy, cancellationToken);
        }
        await SnapshotWriter.WriteJsonAsync(SnapshotLayout.LayersFile(account, context.Region), layers, cancellationToken);
    }

    /// <summary>What <c>get-layer-version-policy/NAME/VERSION.json</c> holds for a version without a policy.</summary>
    private static readonly JsonElement NoPolicy = JsonDocument.Parse("{}").RootElement;
}
