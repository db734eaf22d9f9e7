using System.Collections.Immutable;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// Reads the AWS CLI's output of the EC2 network calls into a <see cref="NetworkBuilder"/>, one output at a time,
/// named as the snapshot names its file (<see cref="Commands"/>; per route table <c>search-transit-gateway-routes/ID</c>).
/// Output of another shape throws a <see cref="FormatException"/> naming where, so that it becomes a coverage gap.
/// </summary>
public static partial class NetworkOutputs
{
    public const string Vpcs = "describe-vpcs";
    public const string RouteTables = "describe-route-tables";
    public const string VpcPeerings = "describe-vpc-peering-connections";
    public const string TransitGateways = "describe-transit-gateways";
    public const string Attachments = "describe-transit-gateway-attachments";
    public const string TransitGatewayPeerings = "describe-transit-gateway-peering-attachments";
    public const string TransitGatewayRouteTables = "describe-transit-gateway-route-tables";
    /// <summary>A folder: one output per transit gateway route table, named after it.</summary>
    public const string TransitGatewayRoutes = "search-transit-gateway-routes";

    public const string EndpointServices = "describe-vpc-endpoint-service-configurations";
    /// <summary>A folder: one output per endpoint service of the account, named after it.</summary>
    public const string EndpointServicePermissions = "describe-vpc-endpoint-service-permissions";

    public const string SecurityGroups = "describe-security-groups";
    public const string NetworkAcls = "describe-network-acls";

    /// <summary>
    /// Read when present, never a gap of the routes: without them only the open-path rule cannot judge (it says
    /// NotAssessed for a path whose ends' filters were not read).
    /// </summary>
    public static IReadOnlyList<string> Filters { get; } = [SecurityGroups, NetworkAcls];

    /// <summary>The outputs an account's region needs for its routes to be judged: without one, the region is a gap.</summary>
    public static IReadOnlyList<string> Commands { get; } = [Vpcs, RouteTables, VpcPeerings, TransitGateways, Attachments, TransitGatewayPeerings, TransitGatewayRouteTables, EndpointServices];

    /// <summary>Adds one output of <paramref name="account"/> in <paramref name="region"/>; <paramref name="name"/> is the command (and route table id).</summary>
    /// <param name="listed">Receives the ids whose own outputs are read next: transit gateway route tables (their routes), endpoint services (their permissions).</param>
    public static void Read(NetworkBuilder into, string account, string region, string name, JsonElement output, string where, ICollection<string>? listed = null)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var command = slash < 0 ? name : name[..slash];
        switch (command)
        {
            case Vpcs:
                Each(output, "Vpcs", where, (vpc, at) => into.Add(ReadVpc(vpc, account, region, at)));
                break;
            case RouteTables:
                Each(output, "RouteTables", where, (table, at) => into.Add(ReadRouteTable(table, account, region, at)));
                break;
            case VpcPeerings:
                Each(output, "VpcPeeringConnections", where, (p, at) => into.Add(new VpcPeering(
                    Required(p, at, "VpcPeeringConnectionId"), Required(p, at, "RequesterVpcInfo", "VpcId"), Required(p, at, "AccepterVpcInfo", "VpcId"),
                    Text(p, at, "Status", "Code") ?? "")));
                break;
            case TransitGateways:
                Each(output, "TransitGateways", where, (g, at) => into.Add(new TransitGateway(
                    Required(g, at, "TransitGatewayId"), Text(g, at, "TransitGatewayArn") ?? "", Text(g, at, "OwnerId") ?? account, region,
                    Enabled(g, at, "AutoAcceptSharedAttachments"), Enabled(g, at, "DefaultRouteTableAssociation"), Enabled(g, at, "DefaultRouteTablePropagation"))));
                break;
            case Attachments:
                Each(output, "TransitGatewayAttachments", where, (a, at) => into.Add(new TransitGatewayAttachment(
                    Required(a, at, "TransitGatewayAttachmentId"), Required(a, at, "TransitGatewayId"), region, Text(a, at, "ResourceType") ?? "",
                    Text(a, at, "ResourceId") ?? "", Text(a, at, "ResourceOwnerId") ?? "", Text(a, at, "State") ?? "",
                    Text(a, at, "Association", "State") is "associated" ? Text(a, at, "Association", "TransitGatewayRouteTableId") : null)));
                break;
            case TransitGatewayPeerings:
                Each(output, "TransitGatewayPeeringAttachments", where, (p, at) => into.Add(new TransitGatewayPeering(
                    Required(p, at, "TransitGatewayAttachmentId"), Required(p, at, "RequesterTgwInfo", "TransitGatewayId"),
                    Required(p, at, "AccepterTgwInfo", "TransitGatewayId"), Text(p, at, "State") ?? "")));
                break;
            case TransitGatewayRouteTables:
                Each(output, "TransitGatewayRouteTables", where, (t, at) =>
                {
                    var id = Required(t, at, "TransitGatewayRouteTableId");
                    into.AddRouteTableOwner(id, Required(t, at, "TransitGatewayId"), account, region);
                    listed?.Add(id);
                });
                break;
            case TransitGatewayRoutes when slash > 0:
                var routes = ImmutableArray.CreateBuilder<TransitGatewayRoute>();
                Each(output, "Routes", where, (r, at) => routes.Add(ReadTransitGatewayRoute(r, at)));
                into.AddRoutes(name[(slash + 1)..], account, region, routes.ToImmutable());
                break;
            case EndpointServices:
                Each(output, "ServiceConfigurations", where, (c, at) =>
                {
                    var id = Required(c, at, "ServiceId");
                    into.AddEndpointService(id, Text(c, at, "ServiceName") ?? id, account, region, JsonPath.Find(c, "AcceptanceRequired") is { ValueKind: JsonValueKind.False } ? false : true);
                    listed?.Add(id);
                });
                break;
            case EndpointServicePermissions when slash > 0:
                var principals = ImmutableArray.CreateBuilder<string>();
                Each(output, "AllowedPrincipals", where, (p, at) => principals.Add(Required(p, at, "Principal")));
                into.AddEndpointPrincipals(name[(slash + 1)..], principals.ToImmutable());
                break;
            case SecurityGroups:
                Each(output, "SecurityGroups", where, (g, at) => into.Add(new SecurityGroupFilter(Required(g, at, "GroupId"), Required(g, at, "VpcId"),
                    Blocks(g, at, "IpPermissions"), Blocks(g, at, "IpPermissionsEgress"))));
                into.FiltersRead(SecurityGroups, account, region);
                break;
            case NetworkAcls:
                Each(output, "NetworkAcls", where, (a, at) =>
                {
                    var entries = ImmutableArray.CreateBuilder<NetworkAclEntry>();
                    Each(a, "Entries", at, (e, eat) =>
                    {
                        // IPv6 entries are not judged (docs/network.md).
                        if (Text(e, eat, "CidrBlock") is null)
                        {
                            return;
                        }
                        var number = JsonPath.Find(e, "RuleNumber") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value)
                            ? value : throw new FormatException($"{eat}: RuleNumber is not a whole number");
                        entries.Add(new NetworkAclEntry(number, JsonPath.Find(e, "Egress") is { ValueKind: JsonValueKind.True },
                            Text(e, eat, "RuleAction") == "allow", Block(e, eat, "CidrBlock")));
                    }, optional: true);
                    into.Add(new NetworkAclFilter(Required(a, at, "NetworkAclId"), Required(a, at, "VpcId"), entries.ToImmutable()));
                });
                into.FiltersRead(NetworkAcls, account, region);
                break;
            default:
                if (!ReadLinks(into, account, region, command, slash > 0 ? name[(slash + 1)..] : null, output, where))
                {
                    throw new FormatException($"{where}: '{name}' is not an output the network reads");
                }
                break;
        }
    }

    private static NetworkVpc ReadVpc(JsonElement vpc, string account, string region, string where)
    {
        var cidrs = ImmutableArray.CreateBuilder<Cidr>();
        if (JsonPath.Find(vpc, "CidrBlockAssociationSet") is { ValueKind: JsonValueKind.Array } set)
        {
            foreach (var association in set.EnumerateArray())
            {
                // A block being disassociated, or that failed, routes nothing.
                if (Text(association, where, "CidrBlockState", "State") is null or "associated" or "associating")
                {
                    cidrs.Add(Block(association, where, "CidrBlock"));
                }
            }
        }
        else
        {
            cidrs.Add(Block(vpc, where, "CidrBlock"));
        }
        return new NetworkVpc(Required(vpc, where, "VpcId"), Text(vpc, where, "OwnerId") ?? account, region, cidrs.Distinct().ToImmutableArray());
    }

    private static VpcRouteTable ReadRouteTable(JsonElement table, string account, string region, string where)
    {
        var routes = ImmutableArray.CreateBuilder<VpcRoute>();
        Each(table, "Routes", where, (route, at) =>
        {
            // IPv6 routes and prefix-list routes are not judged (docs/network.md says so).
            if (Cidr.TryParse(Text(route, at, "DestinationCidrBlock")) is not { } destination)
            {
                return;
            }
            var target = Text(route, at, "TransitGatewayId") ?? Text(route, at, "VpcPeeringConnectionId") ?? Text(route, at, "GatewayId")
                ?? Text(route, at, "NatGatewayId") ?? Text(route, at, "NetworkInterfaceId") ?? Text(route, at, "InstanceId") ?? "";
            routes.Add(new VpcRoute(destination, target, Text(route, at, "State") == "blackhole"));
        }, optional: true);
        return new VpcRouteTable(Required(table, where, "RouteTableId"), Required(table, where, "VpcId"), Text(table, where, "OwnerId") ?? account, region, routes.ToImmutable());
    }

    /// <summary>The IPv4 blocks of a security group's rules (IpPermissions or IpPermissionsEgress), any protocol and port.</summary>
    private static ImmutableArray<Cidr> Blocks(JsonElement group, string where, string list)
    {
        var blocks = ImmutableArray.CreateBuilder<Cidr>();
        Each(group, list, where, (permission, at) =>
            Each(permission, "IpRanges", at, (range, rat) => blocks.Add(Block(range, rat, "CidrIp")), optional: true), optional: true);
        return blocks.ToImmutable();
    }

    private static TransitGatewayRoute ReadTransitGatewayRoute(JsonElement route, string where)
    {
        var attachments = ImmutableArray.CreateBuilder<string>();
        Each(route, "TransitGatewayAttachments", where, (a, at) => attachments.Add(Required(a, at, "TransitGatewayAttachmentId")), optional: true);
        return new TransitGatewayRoute(Block(route, where, "DestinationCidrBlock"), Text(route, where, "Type") == "static",
            Text(route, where, "State") == "blackhole", attachments.ToImmutable());
    }

    private static void Each(JsonElement parent, string list, string where, Action<JsonElement, string> read, bool optional = false)
    {
        var found = JsonPath.Find(parent, list);
        if (found is null && optional)
        {
            return;
        }
        if (found is not { ValueKind: JsonValueKind.Array } items)
        {
            throw new FormatException($"{where}: expected {list} as a list");
        }
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"{where}: {list}[{index++}]";
            read(item.ValueKind == JsonValueKind.Object ? item : throw new FormatException($"{at} is not an object"), at);
        }
    }

    private static string? Text(JsonElement element, string where, params string[] path) => JsonPath.Find(element, path) switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new FormatException($"{where}: {string.Join('.', path)} is not a string"),
    };

    private static string Required(JsonElement element, string where, params string[] path) =>
        Text(element, where, path) is { Length: > 0 } text ? text : throw new FormatException($"{where}: {string.Join('.', path)} is missing");

    private static Cidr Block(JsonElement element, string where, string name) =>
        Cidr.TryParse(Required(element, where, name)) ?? throw new FormatException($"{where}: {name} '{Text(element, where, name)}' is not an IPv4 CIDR block");

    private static bool Enabled(JsonElement gateway, string where, string option) => Text(gateway, where, "Options", option) == "enable";
}
