using System.Text.Json;
using Ocado.Guardrails.Rules.Network;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// The demo's network files beyond the routes, consistent with the hub (<see cref="DemoHub"/>): each transit gateway route
/// table's own lists of associations and propagations (the same as the attachments' Association and the propagated
/// routes say), the platform's VPN to its data centre, and an S3 gateway endpoint in every attached VPC.
/// </summary>
internal static class HubLinksWriter
{
    public static void Write(RegionContext r, DemoHub.Hub hub, DemoHub.Attachment? own)
    {
        var platform = r.Account.Account.IsPlatform;
        foreach (var table in platform ? hub.Tables : [])
        {
            var associated = hub.Attachments.Where(a => a.TableId == table.Id).Select(a => (a.AttachmentId, "vpc", a.VpcId))
                .Concat(table.Id == hub.DataCentre.TableId ? [(hub.DataCentre.AttachmentId, "vpn", hub.DataCentre.ConnectionId)] : []);
            NetworkSnapshotWriter.Item(r, NetworkOutputs.RouteTableAssociations, table.Id, "Associations", associated, (w, a) => Link(w, a, "associated"));
            var propagating = table.Propagations.Select(id => hub.Attachments.Single(a => a.AttachmentId == id)).Select(a => (a.AttachmentId, "vpc", a.VpcId));
            NetworkSnapshotWriter.Item(r, NetworkOutputs.RouteTablePropagations, table.Id, "TransitGatewayRouteTablePropagations", propagating, (w, a) => Link(w, a, "enabled"));
        }
        NetworkSnapshotWriter.Output<DemoHub.Vpn>(r, NetworkOutputs.VpnConnections, "VpnConnections", platform ? [hub.DataCentre] : [], (w, vpn) =>
        {
            w.WriteString("CustomerGatewayId", "cgw-0" + vpn.ConnectionId[5..]);
            w.WriteString("Category", "VPN");
            w.WriteString("State", "available");
            w.WriteString("Type", "ipsec.1");
            w.WriteString("VpnConnectionId", vpn.ConnectionId);
            w.WriteString("TransitGatewayId", hub.GatewayId);
            w.WriteStartObject("Options");
            w.WriteBoolean("StaticRoutesOnly", false);
            w.WriteEndObject();
            NetworkSnapshotWriter.Tags(w, "data-centre");
        });
        NetworkSnapshotWriter.Output<DemoHub.Attachment>(r, NetworkOutputs.VpcEndpoints, "VpcEndpoints", own is null ? [] : [own], (w, a) =>
        {
            w.WriteString("VpcEndpointId", "vpce-0" + a.VpcId[5..]);
            w.WriteString("VpcEndpointType", "Gateway");
            w.WriteString("VpcId", a.VpcId);
            w.WriteString("ServiceName", $"com.amazonaws.{r.Region}.s3");
            w.WriteString("State", "available");
            w.WriteString("PolicyDocument", """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""");
            w.WriteStartArray("RouteTableIds");
            w.WriteStringValue("rtb-0" + a.VpcId[5..]);
            w.WriteEndArray();
            w.WriteString("OwnerId", r.Id);
        });
    }

    /// <summary>The VPN's attachment as the gateway's owner lists it, associated with the VPN's own route table.</summary>
    public static void VpnAttachment(Utf8JsonWriter w, RegionContext r, DemoHub.Hub hub)
    {
        w.WriteString("TransitGatewayAttachmentId", hub.DataCentre.AttachmentId);
        w.WriteString("TransitGatewayId", hub.GatewayId);
        w.WriteString("TransitGatewayOwnerId", r.Id);
        w.WriteString("ResourceOwnerId", r.Id);
        w.WriteString("ResourceType", "vpn");
        w.WriteString("ResourceId", hub.DataCentre.ConnectionId);
        w.WriteString("State", "available");
        w.WriteStartObject("Association");
        w.WriteString("TransitGatewayRouteTableId", hub.DataCentre.TableId);
        w.WriteString("State", "associated");
        w.WriteEndObject();
    }

    private static void Link(Utf8JsonWriter w, (string Attachment, string Type, string Resource) link, string state)
    {
        w.WriteString("TransitGatewayAttachmentId", link.Attachment);
        w.WriteString("ResourceId", link.Resource);
        w.WriteString("ResourceType", link.Type);
        w.WriteString("State", state);
    }
}
