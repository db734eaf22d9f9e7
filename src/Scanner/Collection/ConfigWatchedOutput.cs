using System.Text.Json;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// The outputs of a source that AWS Config watches: a second night (<c>collect --since</c>) copies such an output from the
/// previous snapshot when Config records each of its types continuously and shows no change of any of them since the
/// previous collection (docs/collect.md, "Incremental collection"). An output not listed is read every night.
/// <see cref="ReadAnyway"/> names what in the previous output can change without a Config item of these types.
/// A source that joins the collection adds its row here and asks <see cref="IncrementalCopy"/> which outputs to copy.
/// <see cref="EmptyWith"/> names outputs of the same source whose previous files must list nothing for this one to be copied.
/// </summary>
internal sealed record ConfigWatchedOutput(string Output, IReadOnlyList<string> Types, Func<JsonElement, string, string?>? ReadAnyway = null, IReadOnlyList<string>? EmptyWith = null)
{
    /// <summary>
    /// The EC2 network (per account and region). Config's item of each type holds what the network reads of it
    /// (awslabs/aws-config-resource-schema; the route table's routes and propagating gateways, the security group's
    /// permissions, the network ACL's entries, the endpoint service's acceptance, the VPN connection's gateways, state and
    /// static routing, the VPC peering's VPCs and status). Read every night instead: the transit gateway route table's
    /// routes (its item holds only its id and gateway: routes propagate without a change of it), an endpoint service's
    /// permissions (not in its item), the attachments (their item holds no state, resource owner nor route table
    /// association), the transit gateway peerings (no Config type), and the VPC endpoints (their item holds no policy
    /// document, which the route rule's evidence names): each of these three is copied only while it lists nothing, where
    /// what would add the first one is a Config item of the account (an endpoint or attachment it creates; a peering
    /// needs a transit gateway of its own, so neither is copied where the account lists a transit gateway).
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
        new(NetworkOutputs.VpnConnections, ["AWS::EC2::VPNConnection"], (output, _) => Unsettled(output, "VpnConnections", "State", "available")),
        // A route table's change reads the peerings too: a new route names a peering that another account may have requested (its resource, not this account's).
        new(NetworkOutputs.VpcPeerings, ["AWS::EC2::VPCPeeringConnection", "AWS::EC2::RouteTable"], (output, account) =>
            Unsettled(output, "VpcPeeringConnections", "Status.Code", "active") ?? ForeignPeering(output, account)),
        new(NetworkOutputs.VpcEndpoints, ["AWS::EC2::VPCEndpoint"], (output, _) => Listed(output, "VpcEndpoints", "an endpoint's policy is no part of its Config item")),
        new(NetworkOutputs.Attachments, ["AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGateway"],
            (output, _) => Listed(output, "TransitGatewayAttachments", "an attachment's state and association are no part of its Config item"), [NetworkOutputs.TransitGateways]),
        new(NetworkOutputs.TransitGatewayPeerings, ["AWS::EC2::TransitGateway"],
            (output, _) => Listed(output, "TransitGatewayPeeringAttachments", "Config records no transit gateway peering"), [NetworkOutputs.TransitGateways]),
    ];

    /// <summary>
    /// DynamoDB (per account and region): the list of tables, since a table created or deleted is an item of
    /// AWS::DynamoDB::Table. Each table's description and policies are still read every night: a resource policy is no
    /// part of the table's item, and the description holds counts (ItemCount, TableSizeBytes) that change with the data.
    /// </summary>
    public static readonly IReadOnlyList<ConfigWatchedOutput> DynamoDb = [new(SnapshotLayout.TablesCommand, ["AWS::DynamoDB::Table"])];

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

    /// <summary>An output copied only while it lists nothing: null when <paramref name="list"/> is empty, else why it is read.</summary>
    private static string? Listed(JsonElement output, string list, string why) =>
        Items(output, list).Any() ? $"it lists {list} ({why})" : null;

    /// <summary>
    /// A resource in any state but <paramref name="settled"/> (pending, deleting, deleted, rejected, expired...) moves on by
    /// AWS's own doing, without a call of the account (a VPN connection becomes available, a deleted one or a rejected
    /// peering drops out of the listing, a request nobody accepts expires): that Config records each such step is not
    /// documented, so such outputs are read.
    /// </summary>
    private static string? Unsettled(JsonElement output, string list, string state, string settled) =>
        Items(output, list).Select(i => Text(i, state.Split('.'))).FirstOrDefault(s => !string.Equals(s, settled, StringComparison.OrdinalIgnoreCase)) is { } other
            ? $"it lists {list} in state '{other}', which changes without a call of the account" : null;

    /// <summary>
    /// A peering with a VPC of another account, or of another region, changes by calls made there (the other side accepts,
    /// rejects or deletes it), recorded by that account's or region's Config, not this one's.
    /// </summary>
    private static string? ForeignPeering(JsonElement output, string account) =>
        Items(output, "VpcPeeringConnections").Any(p => Text(p, "RequesterVpcInfo", "OwnerId") != account || Text(p, "AccepterVpcInfo", "OwnerId") != account)
            ? "it lists VpcPeeringConnections with another account's VPC"
        : Items(output, "VpcPeeringConnections").Any(p => Text(p, "RequesterVpcInfo", "Region") is not { Length: > 0 } region || Text(p, "AccepterVpcInfo", "Region") != region)
            ? "it lists VpcPeeringConnections with a VPC of another region" : null;

    private static string Text(JsonElement item, params string[] path)
    {
        foreach (var name in path)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out item))
            {
                return "";
            }
        }
        return item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
    }

    private static IEnumerable<JsonElement> Items(JsonElement output, string list) =>
        output.ValueKind == JsonValueKind.Object && output.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];
}
