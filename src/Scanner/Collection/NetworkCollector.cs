using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The EC2 network of one account in one region, written as <c>network/REGION/COMMAND.json</c> in the AWS CLI's output
/// (docs/network.md): every output <see cref="NetworkOutputs"/> reads, then the routes, associations and propagations of
/// each transit gateway route table and the permissions of each endpoint service listed. Each call is guarded on its own: one that fails or is
/// denied is an <c>ec2-network</c> gap naming the account, region and call, and its file is not written, so that the
/// scan says NotAssessed where it would have judged, never "no route". The network has no change feed: it is read in
/// full every night.
/// </summary>
internal static class NetworkCollector
{
    public static async Task CollectAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken)
    {
        var ec2 = run.Clients.Ec2;
        var account = run.AccountDirectory(context.AccountId);
        var tables = Task.FromResult<JsonElement?>(null);
        var services = Task.FromResult<JsonElement?>(null);
        // The VPCs first: a region the account has not enabled refuses every call, and is one gap, not one per call.
        var refused = false;
        await run.Gaps.GuardAsync(context.AccountId, context.Region, CoverageGap.Sources.Network, async () =>
        {
            try
            {
                await SnapshotWriter.WriteJsonAsync(SnapshotLayout.NetworkFile(account, context.Region, NetworkOutputs.Vpcs),
                    await ec2.DescribeAsync(context, NetworkOutputs.Vpcs, cancellationToken), cancellationToken);
            }
            catch (AwsServiceException ex) when (AwsErrorCodes.IsRegionNotEnabled(ex.Code))
            {
                refused = true;
                throw;
            }
        }, cancellationToken);
        if (refused)
        {
            return;
        }
        var work = new List<Task>();
        foreach (var command in NetworkOutputs.Commands.Concat(NetworkOutputs.Filters).Concat(NetworkOutputs.Details).Where(c => c != NetworkOutputs.Vpcs))
        {
            var written = CallAsync(run, context, SnapshotLayout.NetworkFile(account, context.Region, command),
                () => ec2.DescribeAsync(context, command, cancellationToken), cancellationToken);
            work.Add(written);
            tables = command == NetworkOutputs.TransitGatewayRouteTables ? written : tables;
            services = command == NetworkOutputs.EndpointServices ? written : services;
        }
        foreach (var id in Ids(await tables, "TransitGatewayRouteTables", "TransitGatewayRouteTableId"))
        {
            work.Add(ItemAsync(run, context, NetworkOutputs.TransitGatewayRoutes, id, () => ec2.SearchTransitGatewayRoutesAsync(context, id, cancellationToken), cancellationToken));
            work.AddRange(NetworkOutputs.RouteTableCalls.Select(call =>
                ItemAsync(run, context, call, id, () => ec2.RouteTableLinksAsync(context, call, id, cancellationToken), cancellationToken)));
        }
        foreach (var id in Ids(await services, "ServiceConfigurations", "ServiceId"))
        {
            work.Add(ItemAsync(run, context, NetworkOutputs.EndpointServicePermissions, id, () => ec2.DescribeEndpointServicePermissionsAsync(context, id, cancellationToken), cancellationToken));
        }
        await Task.WhenAll(work);
    }

    /// <summary>One call and its file; null (and a gap) when it failed.</summary>
    private static async Task<JsonElement?> CallAsync(CollectionRun run, AwsContext context, string file, Func<Task<JsonElement>> call, CancellationToken cancellationToken)
    {
        JsonElement? output = null;
        await run.Gaps.GuardAsync(context.AccountId, context.Region, CoverageGap.Sources.Network, async () =>
        {
            var answer = await call();
            await SnapshotWriter.WriteJsonAsync(file, answer, cancellationToken);
            output = answer;
        }, cancellationToken);
        return output;
    }

    /// <summary>A call about one route table or endpoint service, named after its id; an id that could name no file is a gap.</summary>
    private static Task ItemAsync(CollectionRun run, AwsContext context, string command, string id, Func<Task<JsonElement>> call, CancellationToken cancellationToken)
    {
        if (!SnapshotLayout.IsNetworkId(id))
        {
            run.Gaps.Add(context.AccountId, context.Region, CoverageGap.Sources.Network, $"aws ec2 {command}: '{id}' is not an id a file can be named after: not collected");
            return Task.CompletedTask;
        }
        return CallAsync(run, context, SnapshotLayout.NetworkItemFile(run.AccountDirectory(context.AccountId), context.Region, command, id), call, cancellationToken);
    }

    private static IEnumerable<string> Ids(JsonElement? output, string list, string idName) =>
        output is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
                .Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(idName, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
                .OfType<string>().Distinct(StringComparer.Ordinal).ToList()
            : [];
}
