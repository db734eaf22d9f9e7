using System.Text.Json;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Writes an account's <c>network/REGION/</c> files as the AWS CLI prints them (docs/network.md): its VPCs and their
/// route tables, and from the hub (<see cref="DemoHub"/>) its transit gateway attachment; the platform account also
/// the transit gateway, its route tables and their routes; its security groups and network ACLs (<see cref="FilterSnapshotWriter"/>).
/// A handful of files per account and region, whatever the size.
/// </summary>
internal static class NetworkSnapshotWriter
{
    public static void Write(RegionContext r, DemoHub hub)
    {
        var account = r.Account.Account;
        var gateway = hub.In(r.Region);
        var own = hub.AttachmentOf(account, r.Region);
        var platform = account.IsPlatform;
        var services = hub.Services.Where(s => s.Owner.Id == account.Id && r.Region == DemoHub.SharedTableRegion).ToList();

        Output(r, NetworkOutputs.Vpcs, "Vpcs", r.Network.Vpcs, (w, vpc) => Vpc(w, r, vpc));
        Output(r, NetworkOutputs.RouteTables, "RouteTables", r.Network.Vpcs, (w, vpc) =>
            RouteTable(w, r, vpc, own is not null && own.VpcId == vpc.Id ? gateway.GatewayId : null));
        Output<string>(r, NetworkOutputs.VpcPeerings, "VpcPeeringConnections", [], (_, _) => { });
        Output<DemoHub.Hub>(r, NetworkOutputs.TransitGateways, "TransitGateways", platform ? [gateway] : [], (w, g) => Gateway(w, r, g.GatewayId));
        Output<object>(r, NetworkOutputs.Attachments, "TransitGatewayAttachments",
            platform ? [.. gateway.Attachments, gateway.DataCentre] : own is null ? [] : [own], (w, a) =>
            {
                if (a is DemoHub.Attachment vpc)
                {
                    Attachment(w, r, gateway.GatewayId, vpc);
                }
                else
                {
                    HubLinksWriter.VpnAttachment(w, r, gateway);
                }
            });
        Output<string>(r, NetworkOutputs.TransitGatewayPeerings, "TransitGatewayPeeringAttachments", [], (_, _) => { });
        Output<DemoHub.Table>(r, NetworkOutputs.TransitGatewayRouteTables, "TransitGatewayRouteTables", platform ? gateway.Tables : [], (w, t) =>
        {
            w.WriteString("TransitGatewayRouteTableId", t.Id);
            w.WriteString("TransitGatewayId", gateway.GatewayId);
            w.WriteString("State", "available");
            w.WriteBoolean("DefaultAssociationRouteTable", false);
            w.WriteBoolean("DefaultPropagationRouteTable", false);
            w.WriteString("CreationTime", Iso.Seconds(r.Account.DaysAgo(300, 900)));
            Tags(w, $"hub-{t.Name}");
        });
        foreach (var table in platform ? gateway.Tables : Array.Empty<DemoHub.Table>())
        {
            Item(r, NetworkOutputs.TransitGatewayRoutes, table.Id, "Routes", Routes(gateway, table), (w, route) =>
            {
                w.WriteString("DestinationCidrBlock", route.Cidr);
                if (route.Target is { } target)
                {
                    var to = gateway.Attachments.Single(a => a.AttachmentId == target);
                    w.WriteStartArray("TransitGatewayAttachments");
                    w.WriteStartObject();
                    w.WriteString("ResourceId", to.VpcId);
                    w.WriteString("TransitGatewayAttachmentId", to.AttachmentId);
                    w.WriteString("ResourceType", "vpc");
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
                w.WriteString("Type", route.Static ? "static" : "propagated");
                w.WriteString("State", route.Target is null ? "blackhole" : "active");
            });
        }
        HubLinksWriter.Write(r, gateway, own);
        Output(r, NetworkOutputs.EndpointServices, "ServiceConfigurations", services, (w, s) =>
        {
            w.WriteStartArray("ServiceType");
            w.WriteStartObject();
            w.WriteString("ServiceType", "Interface");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("ServiceId", s.Id);
            w.WriteString("ServiceName", ServiceName(r, s));
            w.WriteString("ServiceState", "Available");
            w.WriteBoolean("AcceptanceRequired", s.Why is null);
            w.WriteBoolean("ManagesVpcEndpoints", false);
        });
        foreach (var service in services)
        {
            Item(r, NetworkOutputs.EndpointServicePermissions, service.Id, "AllowedPrincipals", service.Principals, (w, principal) =>
            {
                w.WriteString("PrincipalType", principal == "*" ? "All" : "Account");
                w.WriteString("Principal", principal);
            });
            EmitService(r, service);
        }
        if (platform)
        {
            EmitGateway(r, gateway);
        }
        FilterSnapshotWriter.Write(r, hub);
        foreach (var (rule, arn, why) in hub.PlantedIn(account, r.Region))
        {
            r.Account.Violation(rule, arn, why);
        }
    }

    private sealed record Route(string Cidr, string? Target, bool Static);

    private static IEnumerable<Route> Routes(DemoHub.Hub hub, DemoHub.Table table) =>
        table.StaticRoutes.Select(s => new Route(s.Cidr, s.Target, true))
            .Concat(table.Propagations.Select(id => new Route(hub.Attachments.Single(a => a.AttachmentId == id).Cidr, id, false)));

    private static string ServiceName(RegionContext r, DemoHub.Service s) => $"com.amazonaws.vpce.{r.Region}.{s.Id}";

    private static void Vpc(Utf8JsonWriter w, RegionContext r, NetworkPool.Vpc vpc)
    {
        w.WriteString("CidrBlock", vpc.Cidr);
        w.WriteString("State", "available");
        w.WriteString("VpcId", vpc.Id);
        w.WriteString("OwnerId", r.Id);
        w.WriteString("InstanceTenancy", "default");
        w.WriteStartArray("CidrBlockAssociationSet");
        w.WriteStartObject();
        w.WriteString("CidrBlock", vpc.Cidr);
        w.WriteStartObject("CidrBlockState");
        w.WriteString("State", "associated");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("IsDefault", false);
    }

    /// <summary>The VPC's main route table: its own block, and the rest of 10/8 to the hub when it is attached.</summary>
    private static void RouteTable(Utf8JsonWriter w, RegionContext r, NetworkPool.Vpc vpc, string? gateway)
    {
        var id = "rtb-0" + vpc.Id[5..];
        w.WriteStartArray("Associations");
        w.WriteStartObject();
        w.WriteBoolean("Main", true);
        w.WriteString("RouteTableId", id);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("RouteTableId", id);
        w.WriteString("VpcId", vpc.Id);
        w.WriteString("OwnerId", r.Id);
        w.WriteStartArray("Routes");
        RouteEntry(w, vpc.Cidr, "GatewayId", "local", "CreateRouteTable");
        if (gateway is not null)
        {
            RouteEntry(w, DemoHub.HubBlock, "TransitGatewayId", gateway, "CreateRoute");
        }
        w.WriteEndArray();
    }

    private static void RouteEntry(Utf8JsonWriter w, string destination, string targetField, string target, string origin)
    {
        w.WriteStartObject();
        w.WriteString("DestinationCidrBlock", destination);
        w.WriteString(targetField, target);
        w.WriteString("Origin", origin);
        w.WriteString("State", "active");
        w.WriteEndObject();
    }

    private static void Gateway(Utf8JsonWriter w, RegionContext r, string id)
    {
        w.WriteString("TransitGatewayId", id);
        w.WriteString("TransitGatewayArn", r.Arn("ec2", "transit-gateway/" + id));
        w.WriteString("State", "available");
        w.WriteString("OwnerId", r.Id);
        w.WriteStartObject("Options");
        w.WriteNumber("AmazonSideAsn", 64512);
        w.WriteString("AutoAcceptSharedAttachments", "disable");
        w.WriteString("DefaultRouteTableAssociation", "disable");
        w.WriteString("DefaultRouteTablePropagation", "disable");
        w.WriteString("VpnEcmpSupport", "enable");
        w.WriteString("DnsSupport", "enable");
        w.WriteEndObject();
    }

    private static void Attachment(Utf8JsonWriter w, RegionContext r, string gateway, DemoHub.Attachment a)
    {
        w.WriteString("TransitGatewayAttachmentId", a.AttachmentId);
        w.WriteString("TransitGatewayId", gateway);
        w.WriteString("TransitGatewayOwnerId", r.Account.Layout.Platform.Id);
        w.WriteString("ResourceOwnerId", a.Account.Id);
        w.WriteString("ResourceType", "vpc");
        w.WriteString("ResourceId", a.VpcId);
        w.WriteString("State", "available");
        w.WriteStartObject("Association");
        w.WriteString("TransitGatewayRouteTableId", a.TableId);
        w.WriteString("State", "associated");
        w.WriteEndObject();
    }

    internal static void Tags(Utf8JsonWriter w, string name)
    {
        w.WriteStartArray("Tags");
        w.WriteStartObject();
        w.WriteString("Key", "Name");
        w.WriteString("Value", name);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void EmitGateway(RegionContext r, DemoHub.Hub hub)
    {
        var item = new ConfigItem("AWS::EC2::TransitGateway", hub.GatewayId, null, r.Arn("ec2", "transit-gateway/" + hub.GatewayId),
            r.Region, "Not Applicable", r.Account.DaysAgo(300, 900));
        r.Emit(item, r.NextTags($"{r.Prefix}-hub-{Names.RegionShort(r.Region)}", "network"), [], w =>
        {
            w.WriteString("transitGatewayId", hub.GatewayId);
            w.WriteString("transitGatewayArn", item.Arn);
            w.WriteString("state", "available");
            w.WriteString("ownerId", r.Id);
        });
    }

    private static void EmitService(RegionContext r, DemoHub.Service s)
    {
        var item = new ConfigItem("AWS::EC2::VPCEndpointService", s.Id, null, r.Arn("ec2", "vpc-endpoint-service/" + s.Id),
            r.Region, "Multiple Availability Zones", r.Account.DaysAgo(100, 600));
        r.Emit(item, r.NextTags($"{r.Prefix}-endpoint-service", "network"), [], w =>
        {
            w.WriteString("serviceId", s.Id);
            w.WriteString("serviceName", ServiceName(r, s));
            w.WriteString("serviceState", "Available");
            w.WriteBoolean("acceptanceRequired", s.Why is null);
        });
    }

    internal static void Output<T>(RegionContext r, string command, string list, IEnumerable<T> items, Action<Utf8JsonWriter, T> write) =>
        CliListFile.Write(SnapshotLayout.NetworkFile(r.Account.Directory, r.Region, command), list, items, write);

    internal static void Item<T>(RegionContext r, string command, string id, string list, IEnumerable<T> items, Action<Utf8JsonWriter, T> write) =>
        CliListFile.Write(SnapshotLayout.NetworkItemFile(r.Account.Directory, r.Region, command, id), list, items, write);
}
