using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

public sealed partial class NetworkBuilder
{
    private readonly Dictionary<string, ImmutableArray<RouteTableLink>> _associations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<RouteTableLink>> _propagations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VpnConnection> _vpns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VpcEndpoint> _endpoints = new(StringComparer.Ordinal);

    internal void AddAssociations(string tableId, ImmutableArray<RouteTableLink> links) => _associations.TryAdd(tableId, links);
    internal void AddPropagations(string tableId, ImmutableArray<RouteTableLink> links) => _propagations.TryAdd(tableId, links);
    internal void Add(VpnConnection vpn) => _vpns.TryAdd(vpn.VpnConnectionId, vpn);
    internal void Add(VpcEndpoint endpoint) => _endpoints.TryAdd(endpoint.EndpointId, endpoint);

    /// <summary>
    /// The attachments with the route table each is associated with: where a route table's own list of associations was
    /// read, it is the truth (an attachment it lists is associated with it, one it does not list and that claims it is
    /// not); elsewhere the attachment's Association, as <c>describe-transit-gateway-attachments</c> printed it.
    /// </summary>
    private IEnumerable<TransitGatewayAttachment> Associated(IEnumerable<TransitGatewayAttachment> attachments)
    {
        var listed = new Dictionary<(string Attachment, string Gateway), string>();
        foreach (var (tableId, links) in _associations)
        {
            if (_tableOwners.TryGetValue(tableId, out var owner))
            {
                foreach (var link in links)
                {
                    listed.TryAdd((link.AttachmentId, owner.Gateway), tableId);
                }
            }
        }
        return attachments.Select(a => listed.TryGetValue((a.AttachmentId, a.TransitGatewayId), out var table)
            ? a with { AssociatedRouteTableId = table }
            : a.AssociatedRouteTableId is { } claimed && _associations.ContainsKey(claimed) ? a with { AssociatedRouteTableId = null }
            : a);
    }

    private NetworkLinks Links() => new(
        _propagations.ToFrozenDictionary(StringComparer.Ordinal),
        _associations.Keys.ToFrozenSet(StringComparer.Ordinal),
        _vpns.ToFrozenDictionary(StringComparer.Ordinal),
        [.. _endpoints.Values.OrderBy(e => e.EndpointId, StringComparer.Ordinal)]);
}

/// <summary>What the route tables' own lists, the VPN connections and the VPC endpoints add to the routes.</summary>
/// <param name="Propagations">By transit gateway route table: the attachments propagating into it, where its list was read.</param>
/// <param name="AssociationsRead">The transit gateway route tables whose list of associations was read.</param>
internal sealed record NetworkLinks(
    FrozenDictionary<string, ImmutableArray<RouteTableLink>> Propagations, FrozenSet<string> AssociationsRead,
    FrozenDictionary<string, VpnConnection> Vpns, ImmutableArray<VpcEndpoint> Endpoints)
{
    public static NetworkLinks None { get; } = new(FrozenDictionary<string, ImmutableArray<RouteTableLink>>.Empty, FrozenSet<string>.Empty,
        FrozenDictionary<string, VpnConnection>.Empty, []);
}
