using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Network;

namespace Ocado.Guardrails.Tests.Rules.Network;

/// <summary>
/// A small network written as the AWS CLI prints it (the shapes of the EC2 API reference's examples), one output per
/// (account, region, command), read back through <see cref="NetworkOutputs"/> as a snapshot is.
/// </summary>
internal sealed class NetworkSketch
{
    public const string Region = "eu-west-1";
    private readonly Dictionary<(string Account, string Region, string Name), JsonArray> _outputs = [];

    /// <summary>
    /// Two customers' VPCs (111111111111's <paramref name="vpcA"/>, 333333333333's <paramref name="vpcB"/>) whose attachments
    /// share one hub route table that propagates both: a route path of 8 hops there and back.
    /// </summary>
    public static NetworkSketch SharedHubTable(string vpcA, string vpcB) => new NetworkSketch()
        .Vpc("111111111111", vpcA, "10.1.0.0/16").Vpc("333333333333", vpcB, "10.3.0.0/16").Gateway("999999999999", "tgw-hub")
        .RouteTable("111111111111", "rtb-a", vpcA, routes: [("10.0.0.0/8", "tgw-hub", "active")])
        .RouteTable("333333333333", "rtb-b", vpcB, routes: [("10.0.0.0/8", "tgw-hub", "active")])
        .Attachment("999999999999", "tgw-attach-a", "tgw-hub", "vpc", vpcA, "111111111111", "tgw-rtb-shared")
        .Attachment("999999999999", "tgw-attach-b", "tgw-hub", "vpc", vpcB, "333333333333", "tgw-rtb-shared")
        .GatewayTable("999999999999", "tgw-rtb-shared", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a"), ("10.3.0.0/16", "propagated", "active", "tgw-attach-b")]);

    public NetworkSketch Vpc(string account, string id, string cidr, string region = Region) =>
        Item(account, region, NetworkOutputs.Vpcs, "Vpcs", new JsonObject
        {
            ["VpcId"] = id, ["OwnerId"] = account, ["State"] = "available", ["CidrBlock"] = cidr,
            ["CidrBlockAssociationSet"] = new JsonArray(new JsonObject { ["CidrBlock"] = cidr, ["CidrBlockState"] = new JsonObject { ["State"] = "associated" } }),
        });

    /// <param name="routes">destination, target (local, tgw-…, pcx-…), state.</param>
    public NetworkSketch RouteTable(string account, string id, string vpcId, string region = Region, params (string To, string Target, string State)[] routes)
    {
        var list = new JsonArray();
        foreach (var (to, target, state) in routes)
        {
            var key = target == "local" ? "GatewayId" : target.StartsWith("tgw-", StringComparison.Ordinal) ? "TransitGatewayId" : target.StartsWith("pcx-", StringComparison.Ordinal) ? "VpcPeeringConnectionId" : "GatewayId";
            list.Add(new JsonObject { ["DestinationCidrBlock"] = to, [key] = target, ["Origin"] = "CreateRoute", ["State"] = state });
        }
        return Item(account, region, NetworkOutputs.RouteTables, "RouteTables", new JsonObject
        {
            ["RouteTableId"] = id, ["VpcId"] = vpcId, ["OwnerId"] = account, ["Associations"] = new JsonArray(), ["Routes"] = list,
        });
    }

    public NetworkSketch Gateway(string account, string id, string region = Region, bool autoAccept = false, bool defaultTables = false) =>
        Item(account, region, NetworkOutputs.TransitGateways, "TransitGateways", new JsonObject
        {
            ["TransitGatewayId"] = id, ["TransitGatewayArn"] = $"arn:aws:ec2:{region}:{account}:transit-gateway/{id}", ["State"] = "available", ["OwnerId"] = account,
            ["Options"] = new JsonObject
            {
                ["AmazonSideAsn"] = 64512, ["AutoAcceptSharedAttachments"] = autoAccept ? "enable" : "disable",
                ["DefaultRouteTableAssociation"] = defaultTables ? "enable" : "disable", ["DefaultRouteTablePropagation"] = defaultTables ? "enable" : "disable",
                ["VpnEcmpSupport"] = "enable", ["DnsSupport"] = "enable",
            },
        });

    /// <summary>An attachment as the gateway owner's account lists it, associated with <paramref name="table"/> (none when null).</summary>
    public NetworkSketch Attachment(string account, string id, string gateway, string type, string resourceId, string resourceOwner, string? table, string region = Region)
    {
        var attachment = new JsonObject
        {
            ["TransitGatewayAttachmentId"] = id, ["TransitGatewayId"] = gateway, ["TransitGatewayOwnerId"] = account, ["ResourceOwnerId"] = resourceOwner,
            ["ResourceType"] = type, ["ResourceId"] = resourceId, ["State"] = "available",
        };
        if (table is not null)
        {
            attachment["Association"] = new JsonObject { ["TransitGatewayRouteTableId"] = table, ["State"] = "associated" };
        }
        return Item(account, region, NetworkOutputs.Attachments, "TransitGatewayAttachments", attachment);
    }

    /// <param name="routes">destination, static or propagated, active or blackhole, the attachment (none for a blackhole).</param>
    public NetworkSketch GatewayTable(string account, string id, string gateway, string region = Region, params (string To, string Type, string State, string? Attachment)[] routes)
    {
        Item(account, region, NetworkOutputs.TransitGatewayRouteTables, "TransitGatewayRouteTables", new JsonObject
        {
            ["TransitGatewayRouteTableId"] = id, ["TransitGatewayId"] = gateway, ["State"] = "available",
            ["DefaultAssociationRouteTable"] = false, ["DefaultPropagationRouteTable"] = false,
        });
        var name = $"{NetworkOutputs.TransitGatewayRoutes}/{id}";
        _outputs[(account, region, name)] = [];
        foreach (var (to, type, state, attachment) in routes)
        {
            var route = new JsonObject { ["DestinationCidrBlock"] = to, ["Type"] = type, ["State"] = state };
            if (attachment is not null)
            {
                route["TransitGatewayAttachments"] = new JsonArray(new JsonObject { ["TransitGatewayAttachmentId"] = attachment, ["ResourceType"] = "vpc" });
            }
            _outputs[(account, region, name)].Add(route);
        }
        return this;
    }

    public NetworkSketch GatewayPeering(string account, string id, string requester, string requesterRegion, string accepter, string accepterRegion, string region = Region) =>
        Item(account, region, NetworkOutputs.TransitGatewayPeerings, "TransitGatewayPeeringAttachments", new JsonObject
        {
            ["TransitGatewayAttachmentId"] = id, ["State"] = "available",
            ["RequesterTgwInfo"] = new JsonObject { ["TransitGatewayId"] = requester, ["OwnerId"] = account, ["Region"] = requesterRegion },
            ["AccepterTgwInfo"] = new JsonObject { ["TransitGatewayId"] = accepter, ["OwnerId"] = account, ["Region"] = accepterRegion },
        });

    public NetworkSketch VpcPeering(string account, string id, string requesterVpc, string accepterVpc, string status = "active") =>
        Item(account, Region, NetworkOutputs.VpcPeerings, "VpcPeeringConnections", new JsonObject
        {
            ["VpcPeeringConnectionId"] = id, ["Status"] = new JsonObject { ["Code"] = status },
            ["RequesterVpcInfo"] = new JsonObject { ["VpcId"] = requesterVpc, ["OwnerId"] = account, ["Region"] = Region },
            ["AccepterVpcInfo"] = new JsonObject { ["VpcId"] = accepterVpc, ["OwnerId"] = account, ["Region"] = Region },
        });

    /// <summary>The table's own list (get-transit-gateway-route-table-associations): each attachment associated with it.</summary>
    public NetworkSketch Associations(string account, string tableId, string region = Region, params (string Attachment, string Type, string Resource)[] links) =>
        Links(account, region, $"{NetworkOutputs.RouteTableAssociations}/{tableId}", "associated", links);

    /// <summary>The table's own list (get-transit-gateway-route-table-propagations): each attachment propagating into it.</summary>
    public NetworkSketch Propagations(string account, string tableId, string region = Region, params (string Attachment, string Type, string Resource)[] links) =>
        Links(account, region, $"{NetworkOutputs.RouteTablePropagations}/{tableId}", "enabled", links);

    private NetworkSketch Links(string account, string region, string name, string state, (string Attachment, string Type, string Resource)[] links)
    {
        _outputs[(account, region, name)] = [.. links.Select(l => (JsonNode)new JsonObject
        {
            ["TransitGatewayAttachmentId"] = l.Attachment, ["ResourceId"] = l.Resource, ["ResourceType"] = l.Type, ["State"] = state,
        })];
        return this;
    }

    /// <summary>A Site-to-Site VPN connection on a transit gateway, as describe-vpn-connections prints it.</summary>
    public NetworkSketch VpnConnection(string account, string id, string gateway, bool staticRoutes = false, string region = Region) =>
        Item(account, region, NetworkOutputs.VpnConnections, "VpnConnections", new JsonObject
        {
            ["VpnConnectionId"] = id, ["CustomerGatewayId"] = "cgw-01234567abcde1234", ["Category"] = "VPN", ["State"] = "available", ["Type"] = "ipsec.1",
            ["TransitGatewayId"] = gateway, ["Options"] = new JsonObject { ["StaticRoutesOnly"] = staticRoutes },
        });

    /// <summary>Each output as the CLI prints it: (account, region, name) → JSON.</summary>
    public IEnumerable<(string Account, string Region, string Name, string Json)> Outputs() =>
        _outputs.Select(o => (o.Key.Account, o.Key.Region, o.Key.Name, new JsonObject { [ListName(o.Key.Name)] = o.Value.DeepClone() }.ToJsonString()));

    /// <summary>
    /// Writes every output where a snapshot keeps it (<c>ACCOUNT/network/REGION/COMMAND.json</c>), and an empty list for
    /// each command an account's region has nothing for, as <c>collect</c> would: every account and region touched is collected.
    /// </summary>
    public void WriteSnapshot(string snapshot)
    {
        foreach (var (account, region, name, json) in Outputs())
        {
            Write(snapshot, account, region, name, json);
        }
        foreach (var (account, region) in _outputs.Keys.Select(k => (k.Account, k.Region)).Distinct())
        {
            foreach (var command in NetworkOutputs.Commands.Where(c => !_outputs.ContainsKey((account, region, c))))
            {
                Write(snapshot, account, region, command, $$"""{"{{ListName(command)}}": []}""");
            }
        }
    }

    private static void Write(string snapshot, string account, string region, string name, string json)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var relative = slash < 0
            ? Ocado.Guardrails.Scanner.Snapshots.SnapshotLayout.NetworkFile(account, region, name)
            : Ocado.Guardrails.Scanner.Snapshots.SnapshotLayout.NetworkItemFile(account, region, name[..slash], name[(slash + 1)..]);
        var path = Path.Combine(snapshot, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
    }

    public RouteGraph Build()
    {
        var builder = new NetworkBuilder();
        foreach (var (account, region, name, json) in Outputs())
        {
            using var document = JsonDocument.Parse(json);
            NetworkOutputs.Read(builder, account, region, name, document.RootElement, name);
        }
        return builder.Build();
    }

    private NetworkSketch Item(string account, string region, string name, string list, JsonObject item)
    {
        if (!_outputs.TryGetValue((account, region, name), out var items))
        {
            _outputs[(account, region, name)] = items = [];
        }
        // The same id again replaces the first (a test rewrites one table of a larger sketch).
        var id = item.First().Value!.ToString();
        foreach (var same in items.Where(i => i!.AsObject().First().Value!.ToString() == id).ToList())
        {
            items.Remove(same);
        }
        items.Add(item);
        return this;
    }

    private static string ListName(string name) => (name.Contains('/', StringComparison.Ordinal) ? name[..name.IndexOf('/', StringComparison.Ordinal)] : name) switch
    {
        NetworkOutputs.RouteTableAssociations => "Associations",
        NetworkOutputs.RouteTablePropagations => "TransitGatewayRouteTablePropagations",
        NetworkOutputs.VpnConnections => "VpnConnections",
        NetworkOutputs.Vpcs => "Vpcs",
        NetworkOutputs.RouteTables => "RouteTables",
        NetworkOutputs.TransitGateways => "TransitGateways",
        NetworkOutputs.Attachments => "TransitGatewayAttachments",
        NetworkOutputs.TransitGatewayRouteTables => "TransitGatewayRouteTables",
        NetworkOutputs.TransitGatewayPeerings => "TransitGatewayPeeringAttachments",
        NetworkOutputs.VpcPeerings => "VpcPeeringConnections",
        NetworkOutputs.EndpointServices => "ServiceConfigurations",
        _ => "Routes",
    };
}
