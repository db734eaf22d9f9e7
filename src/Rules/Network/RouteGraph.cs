using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// The routes between VPCs, across accounts and regions: VPC → route table → (VPC peering | transit gateway attachment →
/// its associated transit gateway route table → static or propagated route → attachment, through transit gateway peerings
/// to other regions) → VPC. A route is chosen as AWS chooses it: the longest prefix wins, a static route wins over a
/// propagated one of the same prefix, a blackhole drops. A path counts only when a path back exists (docs/network.md).
/// </summary>
public sealed partial class RouteGraph
{
    private readonly FrozenDictionary<string, NetworkVpc> _vpcs;
    private readonly FrozenDictionary<string, ImmutableArray<VpcRouteTable>> _tablesByVpc;
    private readonly FrozenDictionary<string, VpcPeering> _vpcPeerings;
    private readonly FrozenDictionary<string, TransitGateway> _gateways;
    private readonly FrozenDictionary<(string Attachment, string Gateway), TransitGatewayAttachment> _attachments;
    private readonly FrozenDictionary<string, ImmutableArray<TransitGatewayAttachment>> _attachmentsByGateway;
    private readonly FrozenDictionary<string, TransitGatewayRouteTable> _gatewayTables;
    private readonly FrozenDictionary<string, TransitGatewayPeering> _gatewayPeerings;
    private readonly ConcurrentDictionary<string, ImmutableArray<RoutePath>> _paths = new(StringComparer.Ordinal);

    internal RouteGraph(IEnumerable<NetworkVpc> vpcs, IEnumerable<VpcRouteTable> routeTables, IEnumerable<VpcPeering> vpcPeerings,
        IEnumerable<TransitGateway> gateways, IEnumerable<TransitGatewayAttachment> attachments, IEnumerable<TransitGatewayPeering> gatewayPeerings,
        IEnumerable<TransitGatewayRouteTable> gatewayTables)
    {
        var attached = attachments.ToList();
        var tables = gatewayTables.ToList();
        _vpcs = vpcs.Concat(Unseen(vpcs, attached, tables)).ToFrozenDictionary(v => v.VpcId, StringComparer.Ordinal);
        _tablesByVpc = routeTables.GroupBy(t => t.VpcId).ToFrozenDictionary(g => g.Key, g => g.OrderBy(t => t.RouteTableId, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
        _vpcPeerings = vpcPeerings.ToFrozenDictionary(p => p.PeeringId, StringComparer.Ordinal);
        _gateways = gateways.ToFrozenDictionary(g => g.TransitGatewayId, StringComparer.Ordinal);
        _attachments = attached.ToFrozenDictionary(a => (a.AttachmentId, a.TransitGatewayId));
        _attachmentsByGateway = attached.GroupBy(a => a.TransitGatewayId).ToFrozenDictionary(g => g.Key, g => g.OrderBy(a => a.AttachmentId, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
        _gatewayTables = tables.ToFrozenDictionary(t => t.RouteTableId, StringComparer.Ordinal);
        _gatewayPeerings = gatewayPeerings.ToFrozenDictionary(p => p.AttachmentId, StringComparer.Ordinal);
    }

    /// <summary>VPCs attached to a gateway that no describe-vpcs listed: their blocks are the routes the gateway sends them.</summary>
    private static IEnumerable<NetworkVpc> Unseen(IEnumerable<NetworkVpc> listed, List<TransitGatewayAttachment> attachments, List<TransitGatewayRouteTable> tables)
    {
        var known = listed.Select(v => v.VpcId).ToHashSet(StringComparer.Ordinal);
        return attachments.Where(a => a.ResourceType == "vpc" && !known.Contains(a.ResourceId))
            .GroupBy(a => a.ResourceId)
            .Select(g => new NetworkVpc(g.Key, g.First().ResourceOwnerId, g.First().Region,
                [.. tables.SelectMany(t => t.Routes).Where(r => !r.Blackhole && r.AttachmentIds.Any(id => g.Any(a => a.AttachmentId == id))).Select(r => r.Destination).Distinct()],
                Seen: false));
    }

    /// <summary>The PrivateLink endpoint services of the collected accounts, by service id.</summary>
    internal FrozenDictionary<string, EndpointService> EndpointServices { get; init; } = FrozenDictionary<string, EndpointService>.Empty;

    /// <summary>An endpoint service with the principals it admits, or null when none of that id was collected.</summary>
    public EndpointService? EndpointService(string serviceId) => EndpointServices.GetValueOrDefault(serviceId);

    /// <summary>The security groups and network ACLs of the collected accounts.</summary>
    internal TrafficFilters Filters { get; init; } = TrafficFilters.None;

    /// <summary>
    /// Whether the security groups and network ACLs at both ends of <paramref name="path"/> still let some traffic
    /// through: true, false, or null when those of an end were not read (<see cref="FiltersUnread"/> says which).
    /// </summary>
    public bool? Open(RoutePath path) => Filters.Open(path);

    /// <summary>Why <see cref="Open"/> cannot answer for a path, or null when it can.</summary>
    public string? FiltersUnread(RoutePath path) => Filters.Unread(path);

    public static RouteGraph Empty { get; } = new NetworkBuilder().Build();

    /// <summary>Every VPC the network outputs list, in id order.</summary>
    public IReadOnlyList<NetworkVpc> Vpcs => [.. _vpcs.Values.OrderBy(v => v.VpcId, StringComparer.Ordinal)];

    public NetworkVpc? Vpc(string vpcId) => _vpcs.GetValueOrDefault(vpcId);

    /// <summary>Every transit gateway, in id order.</summary>
    public IReadOnlyList<TransitGateway> TransitGateways => [.. _gateways.Values.OrderBy(g => g.TransitGatewayId, StringComparer.Ordinal)];

    public TransitGateway? TransitGateway(string gatewayId) => _gateways.GetValueOrDefault(gatewayId);

    /// <summary>The attachments of a transit gateway, in id order.</summary>
    public IReadOnlyList<TransitGatewayAttachment> AttachmentsOf(string gatewayId) => _attachmentsByGateway.GetValueOrDefault(gatewayId, []);

    /// <summary>
    /// Each route table of a transit gateway (in id order) with the VPCs it joins: those whose attachments are associated
    /// with it (it routes their traffic), those its routes lead to and those its own list says propagate into it (their
    /// blocks compete in it for the longest prefix, even where only one of two equal blocks kept a route).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<NetworkVpc>>> RouteTablesOf(string gatewayId)
    {
        var attachments = AttachmentsOf(gatewayId).Where(a => a.ResourceType == "vpc" && a.State == "available").ToList();
        var tables = attachments.Select(a => a.AssociatedRouteTableId).OfType<string>()
            .Concat(_gatewayTables.Values.Where(t => attachments.Any(a => t.Routes.Any(r => r.AttachmentIds.Contains(a.AttachmentId))
                || PropagatingAttachments(t.RouteTableId).Contains(a.AttachmentId))).Select(t => t.RouteTableId))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. tables.Select(id =>
        {
            var routed = _gatewayTables.TryGetValue(id, out var table) ? table.Routes.Where(r => !r.Blackhole).SelectMany(r => r.AttachmentIds).ToHashSet(StringComparer.Ordinal) : [];
            routed.UnionWith(PropagatingAttachments(id));
            IReadOnlyList<NetworkVpc> vpcs = [.. attachments.Where(a => a.AssociatedRouteTableId == id || routed.Contains(a.AttachmentId))
                .Select(a => _vpcs.GetValueOrDefault(a.ResourceId)).OfType<NetworkVpc>().DistinctBy(v => v.VpcId)];
            return KeyValuePair.Create(id, vpcs);
        })];
    }

    /// <summary>
    /// The VPCs traffic from <paramref name="vpcId"/> can reach and come back from, one path each (the fewest hops),
    /// in the order of the VPCs' ids; none for a VPC the graph does not hold.
    /// </summary>
    public IReadOnlyList<RoutePath> PathsFrom(string vpcId) =>
        _vpcs.TryGetValue(vpcId, out var from) ? Engine.SharedData.GetOrAdd(_paths, vpcId, static (_, state) => state.Self.Paths(state.From), (Self: this, From: from)) : [];

    private ImmutableArray<RoutePath> Paths(NetworkVpc from)
    {
        var reached = new Dictionary<string, Arrival>(StringComparer.Ordinal);
        foreach (var block in _vpcs.Values.Where(v => v.VpcId != from.VpcId).SelectMany(v => v.Cidrs).Distinct())
        {
            foreach (var arrival in Forward(from, block))
            {
                if (arrival.Vpc.VpcId != from.VpcId && (!reached.TryGetValue(arrival.Vpc.VpcId, out var known) || known.Hops.Length > arrival.Hops.Length))
                {
                    reached[arrival.Vpc.VpcId] = arrival;
                }
            }
        }
        var paths = ImmutableArray.CreateBuilder<RoutePath>();
        foreach (var (vpcId, there) in reached.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var back = from.Cidrs.SelectMany(block => Forward(there.Vpc, block)).Where(a => a.Vpc.VpcId == from.VpcId).MinBy(a => a.Hops.Length);
            if (back is not null)
            {
                paths.Add(new RoutePath(from, there.Vpc, there.Hops, back.Hops));
            }
        }
        return paths.ToImmutable();
    }

    /// <summary>Where traffic from <paramref name="from"/> to addresses of <paramref name="block"/> is delivered, and by which hops.</summary>
    private List<Arrival> Forward(NetworkVpc from, Cidr block)
    {
        var arrivals = new List<Arrival>();
        if (!from.Seen)
        {
            foreach (var entry in _attachments.Values.Where(a => a.ResourceType == "vpc" && a.ResourceId == from.VpcId && a.State == "available").OrderBy(a => a.AttachmentId, StringComparer.Ordinal))
            {
                Through(entry, block, [AttachmentHop(entry)], [], arrivals);
            }
        }
        foreach (var table in _tablesByVpc.GetValueOrDefault(from.VpcId, []))
        {
            foreach (var route in Choose(table.Routes, block, r => r.Destination, static _ => false))
            {
                if (route.Blackhole || route.Target == "local")
                {
                    continue;
                }
                var hop = new RouteHop("route-table", table.RouteTableId, table.AccountId, table.Region, $"{route.Destination} → {route.Target}");
                if (route.Target.StartsWith("pcx-", StringComparison.Ordinal))
                {
                    Peered(from, route.Target, block, hop, arrivals);
                }
                else if (route.Target.StartsWith("tgw-", StringComparison.Ordinal)
                    && AttachmentsOf(route.Target).FirstOrDefault(a => a.ResourceType == "vpc" && a.ResourceId == from.VpcId && a.State == "available") is { } entry)
                {
                    Through(entry, block, [hop, AttachmentHop(entry)], [], arrivals);
                }
            }
        }
        return arrivals;
    }

    private void Peered(NetworkVpc from, string peeringId, Cidr block, RouteHop hop, List<Arrival> arrivals)
    {
        if (!_vpcPeerings.TryGetValue(peeringId, out var peering) || peering.State != "active")
        {
            return;
        }
        var peerId = peering.RequesterVpcId == from.VpcId ? peering.AccepterVpcId : peering.RequesterVpcId;
        if (_vpcs.TryGetValue(peerId, out var peer) && peer.Cidrs.Any(c => c.Overlaps(block)))
        {
            arrivals.Add(new Arrival(peer, [hop, new RouteHop("vpc-peering", peeringId, peer.AccountId, peer.Region, $"to {peer.VpcId}")]));
        }
    }

    /// <summary>Traffic entering a transit gateway by <paramref name="entry"/>: the route table it is associated with decides where it goes.</summary>
    private void Through(TransitGatewayAttachment entry, Cidr block, ImmutableArray<RouteHop> hops, HashSet<string> visited, List<Arrival> arrivals)
    {
        if (entry.AssociatedRouteTableId is not { } tableId || !_gatewayTables.TryGetValue(tableId, out var table) || !visited.Add(tableId))
        {
            return;
        }
        foreach (var route in Choose(table.Routes, block, r => r.Destination, r => r.Static))
        {
            if (route.Blackhole)
            {
                continue;
            }
            var routeHop = new RouteHop("tgw-route-table", tableId, table.AccountId, table.Region,
                $"{route.Destination} {(route.Static ? "static" : "propagated")} → {string.Join(", ", route.AttachmentIds)}");
            foreach (var attachmentId in route.AttachmentIds)
            {
                if (!_attachments.TryGetValue((attachmentId, entry.TransitGatewayId), out var exit) || exit.State != "available")
                {
                    continue;
                }
                var next = hops.Add(routeHop).Add(AttachmentHop(exit));
                if (exit.ResourceType == "vpc" && _vpcs.TryGetValue(exit.ResourceId, out var vpc) && vpc.Cidrs.Any(c => c.Overlaps(block)))
                {
                    arrivals.Add(new Arrival(vpc, next));
                }
                else if (exit.ResourceType == "peering" && FarEnd(exit) is { } far)
                {
                    Through(far, block, next, visited, arrivals);
                }
                else if (exit.ResourceType == "vpn")
                {
                    Through(exit, block, next.Add(VpnHop(exit)), visited, arrivals);
                }
            }
        }
        visited.Remove(tableId);
    }

    /// <summary>The other gateway's end of a transit gateway peering, when the peering is up and that end was collected.</summary>
    private TransitGatewayAttachment? FarEnd(TransitGatewayAttachment near)
    {
        if (!_gatewayPeerings.TryGetValue(near.AttachmentId, out var peering) || peering.State != "available")
        {
            return null;
        }
        var other = peering.RequesterGatewayId == near.TransitGatewayId ? peering.AccepterGatewayId : peering.RequesterGatewayId;
        return _attachments.TryGetValue((near.AttachmentId, other), out var far) && far.State == "available" ? far : null;
    }

    private RouteHop AttachmentHop(TransitGatewayAttachment attachment) =>
        new("tgw-attachment", attachment.AttachmentId, _gateways.TryGetValue(attachment.TransitGatewayId, out var gateway) ? gateway.AccountId : attachment.ResourceOwnerId,
            attachment.Region, $"{attachment.ResourceType} {attachment.ResourceId} of {attachment.ResourceOwnerId} on {attachment.TransitGatewayId}");

    private sealed record Arrival(NetworkVpc Vpc, ImmutableArray<RouteHop> Hops);
}
