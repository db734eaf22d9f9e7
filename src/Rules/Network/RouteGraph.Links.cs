using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

public sealed partial class RouteGraph
{
    /// <summary>The route tables' own lists of propagations, the VPN connections and the VPC endpoints read.</summary>
    internal NetworkLinks Links { get; init; } = NetworkLinks.None;

    /// <summary>A VPN connection by id, or null when no describe-vpn-connections read lists it.</summary>
    public VpnConnection? Vpn(string vpnConnectionId) => Links.Vpns.GetValueOrDefault(vpnConnectionId);

    /// <summary>The endpoints (interface, gateway, Gateway Load Balancer) in a VPC, in id order.</summary>
    public IReadOnlyList<VpcEndpoint> EndpointsOf(string vpcId) => [.. Links.Endpoints.Where(e => e.VpcId == vpcId)];

    /// <summary>
    /// The attachments propagating into a transit gateway route table, or null when its list was not read. A propagation
    /// can be in force without a route to show for it: two VPCs propagating the same block leave one route.
    /// </summary>
    public IReadOnlyList<RouteTableLink>? PropagationsInto(string tableId) =>
        Links.Propagations.TryGetValue(tableId, out var links) ? links : null;

    /// <summary>Whether the route table's own list of associations was read (then it, not the attachments' Association, says which are associated).</summary>
    public bool AssociationsListed(string tableId) => Links.AssociationsRead.Contains(tableId);

    /// <summary>
    /// Traffic leaving by a VPN attachment reaches the data centre of the VPN's owner (usually the hub), which may send it
    /// back over the VPN: it enters the transit gateway again and the route table the VPN attachment is associated with
    /// routes it, as for any attachment. The data centre is taken to forward whatever reaches it (the worst case: with BGP
    /// it learns exactly the routes of that table). So a VPN whose table routes to one customer, reached from another's,
    /// joins two customers through the data centre, and the hop says whose VPN it is.
    /// </summary>
    private RouteHop VpnHop(TransitGatewayAttachment vpn)
    {
        var connection = Vpn(vpn.ResourceId);
        var how = connection is null ? "" : $", customer gateway {connection.CustomerGatewayId}, {(connection.StaticRoutesOnly ? "static routes" : "BGP")}";
        return new RouteHop("vpn", vpn.ResourceId, vpn.ResourceOwnerId, vpn.Region,
            $"the data centre behind VPN {vpn.ResourceId} of {vpn.ResourceOwnerId}{how}: sent back over the VPN, routed by {vpn.AssociatedRouteTableId ?? "no route table (not associated)"}");
    }

    /// <summary>The VPC attachments of a gateway that propagate into <paramref name="tableId"/>, by its own list.</summary>
    private IEnumerable<string> PropagatingAttachments(string tableId) =>
        PropagationsInto(tableId) is { } links ? links.Select(l => l.AttachmentId) : ImmutableArray<string>.Empty;
}
