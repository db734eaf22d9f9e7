using System.Text.Json;
using Ocado.Guardrails.Rules.Network;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The outputs of a source that AWS Config watches: a second night (<c>collect --since</c>) copies such an output from the
/// previous snapshot when Config records each of its types continuously and shows no change of any of them since the
/// previous collection (docs/collect.md, "Incremental collection"). An output not listed is read every night.
/// <see cref="ReadAnyway"/> names what in the previous output can change without a Config item of these types.
/// A source that joins the collection adds its row here and asks <see cref="IncrementalCopy"/> which outputs to copy.
/// </summary>
internal sealed record ConfigWatchedOutput(string Output, IReadOnlyList<string> Types, Func<JsonElement, string, string?>? ReadAnyway = null)
{
    /// <summary>
    /// The EC2 network (per account and region). Config's item of each type holds what the network reads of it
    /// (awslabs/aws-config-resource-schema; the route table's routes and propagating gateways, the security group's
    /// permissions, the network ACL's entries, the endpoint service's acceptance). Read every night instead: the
    /// transit gateway route table's routes (its item holds only its id and gateway: routes propagate without a change
    /// of it), an endpoint service's permissions (not in its item), the attachments (their item holds no route table
    /// association nor state), the transit gateway peerings (no Config type), and the VPC peering connections (one another
    /// account requested is that account's resource).
    /// </summary>
    public static readonly IReadOnlyList<ConfigWatchedOutput> Network =
    [
        new(NetworkOutputs.Vpcs, ["AWS::EC2::VPC"], ForeignOwner("Vpcs")),
        new(NetworkOutputs.RouteTables, ["AWS::EC2::RouteTable"], (output, account) => ForeignOwner("RouteTables")(output, account) ?? PropagatedRoutes(output)),
        new(NetworkOutputs.TransitGateways, ["AWS::EC2::TransitGateway"], ForeignOwner("TransitGateways")),
        new(NetworkOutputs.TransitGatewayRouteTables, ["AWS::EC2::TransitGatewayRouteTable"]),
        new(NetworkOutputs.EndpointServices, ["AWS::EC2::VPCEndpointService"]),
        new(NetworkOutputs.SecurityGroups, ["AWS::EC2::SecurityGroup"], ForeignOwner("SecurityGroups")),
        new(NetworkOutputs.NetworkAcls, ["AWS::EC2::NetworkAcl"], ForeignOwner("NetworkAcls")),
    ];

    /// <summary>
    /// A resource another account owns (a shared VPC, a transit gateway shared through AWS RAM) changes by that account's
    /// calls, recorded by that account's Config, not this one's.
    /// </summary>
    private static Func<JsonElement, string, string?> ForeignOwner(string list) => (output, account) =>
        Items(output, list).Any(i => i.TryGetProperty("OwnerId", out var owner) && owner.ValueKind == JsonValueKind.String && owner.GetString() != account)
            ? $"it lists {list} another account owns" : null;

    /// <summary>
    /// Routes a virtual private gateway propagates into a route table are learned over BGP (a VPN or Direct Connect),
    /// by no call of the account: that Config records such a change is not documented, so such tables are read.
    /// </summary>
    private static string? PropagatedRoutes(JsonElement output) =>
        Items(output, "RouteTables").Any(t => t.TryGetProperty("PropagatingVgws", out var vgws) && vgws.ValueKind == JsonValueKind.Array && vgws.GetArrayLength() > 0)
            ? "a route table has routes a virtual private gateway propagates" : null;

    private static IEnumerable<JsonElement> Items(JsonElement output, string list) =>
        output.ValueKind == JsonValueKind.Object && output.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];
}
