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
/// scan says NotAssessed where it would have judged, never "no route". A second night copies the outputs Config shows
/// unchanged (<see cref="ConfigWatchedOutput.Network"/>) and reads the rest.
/// </summary>
internal static class NetworkCollector
{
    /// <param name="copy">The outputs to copy from the previous snapshot (empty on a full night): each one whose previous file is unusable is read.</param>
    public static async Task CollectAsync(CollectionRun run, AwsContext context, Task<IReadOnlySet<string>> copy, CancellationToken cancellationToken)
    {
        var ec2 = run.Clients.Ec2;
        var copied = await copy;
        var account = run.AccountDirectory(context.AccountId);
        var tables = Task.FromResult<JsonElement?>(null);
        var services = Task.FromResult<JsonElement?>(null);
        // The VPCs first: a region the account has not enabled refuses every call, and is one gap, not one per call.
        var refused = false;
        await run.Gaps.GuardAsync(context.AccountId, context.Region, CoverageGap.Sources.Network, async () =>
        {
            try
            {
                if (!copied.Contains(NetworkOutputs.Vpcs) || await TryCopyAsync(run, context, NetworkOutputs.Vpcs, cancellationToken) is null)
                {
                    await SnapshotWriter.WriteJsonAsync(SnapshotLayout.NetworkFile(account, context.Region, NetworkOutputs.Vpcs),
                        await ec2.DescribeAsync(context, NetworkOutputs.Vpcs, cancellationToken), cancellationToken);
                }
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
            var file = SnapshotLayout.NetworkFile(account, context.Region, command);
            var written = copied.Contains(command)
                ? CopyOrCallAsync(run, context, command, () => CallAsync(run, context, file, () => ec2.DescribeAsync(context, command, cancellationToken), cancellationToken), cancellationToken)
                : CallAsync(run, context, file, () => ec2.DescribeAsync(context, command, cancellationToken), cancellationToken);
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

    /// <summary>The previous night's output, copied; else the call.</summary>
    private static async Task<JsonElement?> CopyOrCallAsync(CollectionRun run, AwsContext context, string command, Func<Task<JsonElement?>> call, CancellationToken cancellationToken) =>
        await TryCopyAsync(run, context, command, cancellationToken) ?? await call();

    /// <summary>
    /// The previous night's output of <paramref name="command"/>, when it reads as the scan reads it and holds nothing that
    /// changes without a Config item of its types (<see cref="ConfigWatchedOutput.ReadAnyway"/>); null when it must be read.
    /// </summary>
    private static Task<JsonElement?> TryCopyAsync(CollectionRun run, AwsContext context, string command, CancellationToken cancellationToken)
    {
        var watched = ConfigWatchedOutput.Network.Single(o => o.Output == command);
        var relative = Path.GetRelativePath(run.AccountDirectory(context.AccountId), SnapshotLayout.NetworkFile(run.AccountDirectory(context.AccountId), context.Region, command));
        return IncrementalCopy.TryCopyAsync(run, context.AccountId, relative, output =>
        {
            try
            {
                NetworkOutputs.Read(new NetworkBuilder(), context.AccountId, context.Region, command, output, relative);
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
            return watched.ReadAnyway?.Invoke(output, context.AccountId) ?? (watched.EmptyWith ?? []).Select(other => ListsSome(run, context, other)).FirstOrDefault(w => w is not null);
        }, cancellationToken);
    }

    /// <summary>Null when the previous snapshot's <paramref name="command"/> output of the account and region lists nothing; else why this matters.</summary>
    private static string? ListsSome(CollectionRun run, AwsContext context, string command)
    {
        var state = run.Incremental!;
        try
        {
            using var document = state.Open(SnapshotLayout.NetworkFile(state.Previous.AccountDirectory(context.AccountId), context.Region, command));
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.EnumerateObject().All(p => p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() == 0)
                ? null : $"the previous {command} lists some";
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            return $"the previous {command} is unusable: {ex.Message}";
        }
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
