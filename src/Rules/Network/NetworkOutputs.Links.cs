using System.Collections.Immutable;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Network;

public static partial class NetworkOutputs
{
    public const string VpnConnections = "describe-vpn-connections";
    public const string VpcEndpoints = "describe-vpc-endpoints";
    /// <summary>A folder: one output per transit gateway route table, named after it: every attachment associated with it.</summary>
    public const string RouteTableAssociations = "get-transit-gateway-route-table-associations";
    /// <summary>A folder: one output per transit gateway route table, named after it: every attachment propagating into it.</summary>
    public const string RouteTablePropagations = "get-transit-gateway-route-table-propagations";

    /// <summary>
    /// Read when present, never a gap when absent (snapshots written before they were collected): the VPN connections and
    /// the VPC endpoints describe what the routes already show; without them the graph names a VPN by its attachment alone.
    /// A call of them that failed while collecting is a gap (collection.json) like any other.
    /// </summary>
    public static IReadOnlyList<string> Details { get; } = [VpnConnections, VpcEndpoints];

    /// <summary>
    /// The calls about one transit gateway route table besides its routes, read when present: where they are, they are
    /// the truth of its associations and propagations; where not, the attachments' own Association is (docs/network.md).
    /// </summary>
    public static IReadOnlyList<string> RouteTableCalls { get; } = [RouteTableAssociations, RouteTablePropagations];

    /// <summary>Reads the outputs of <see cref="Details"/> and <see cref="RouteTableCalls"/>; false for any other command.</summary>
    private static bool ReadLinks(NetworkBuilder into, string account, string region, string command, string? tableId, JsonElement output, string where)
    {
        switch (command)
        {
            case VpnConnections:
                // Never CustomerGatewayConfiguration nor the tunnels' PreSharedKey: secrets stay where AWS keeps them.
                Each(output, "VpnConnections", where, (v, at) => into.Add(new VpnConnection(Required(v, at, "VpnConnectionId"), account, region,
                    Text(v, at, "TransitGatewayId"), Text(v, at, "CustomerGatewayId"), Text(v, at, "State") ?? "",
                    JsonPath.Find(v, "Options", "StaticRoutesOnly") is { ValueKind: JsonValueKind.True })));
                return true;
            case VpcEndpoints:
                Each(output, "VpcEndpoints", where, (e, at) =>
                {
                    var tables = ImmutableArray.CreateBuilder<string>();
                    if (JsonPath.Find(e, "RouteTableIds") is { ValueKind: JsonValueKind.Array } ids)
                    {
                        tables.AddRange(ids.EnumerateArray().Select(id => id.ValueKind == JsonValueKind.String ? id.GetString()! : throw new FormatException($"{at}: RouteTableIds holds a value that is not a string")));
                    }
                    // AWS sends "available"; AWSSDK.EC2 reads it as its model spells it, "Available": both read alike.
                    into.Add(new VpcEndpoint(Required(e, at, "VpcEndpointId"), Text(e, at, "VpcEndpointType") ?? "", Required(e, at, "VpcId"),
                        Text(e, at, "ServiceName") ?? "", (Text(e, at, "State") ?? "").ToLowerInvariant(), Text(e, at, "OwnerId") ?? account, region,
                        Text(e, at, "PolicyDocument"), tables.ToImmutable()));
                });
                return true;
            case RouteTableAssociations when tableId is not null:
                into.AddAssociations(tableId, Links(output, "Associations", where, "associated"));
                return true;
            case RouteTablePropagations when tableId is not null:
                into.AddPropagations(tableId, Links(output, "TransitGatewayRouteTablePropagations", where, "enabled"));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The links of a route table in the state AWS routes by (associated, enabled); those on their way in or out are not yet, or no longer.</summary>
    private static ImmutableArray<RouteTableLink> Links(JsonElement output, string list, string where, string state)
    {
        var links = ImmutableArray.CreateBuilder<RouteTableLink>();
        Each(output, list, where, (l, at) =>
        {
            var link = new RouteTableLink(Required(l, at, "TransitGatewayAttachmentId"), Text(l, at, "ResourceType") ?? "", Text(l, at, "ResourceId") ?? "");
            if (Text(l, at, "State") == state)
            {
                links.Add(link);
            }
        });
        return links.ToImmutable();
    }
}
