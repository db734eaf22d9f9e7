using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// Gathers what the network outputs of every account and region say (<see cref="NetworkOutputs"/>) before the
/// <see cref="RouteGraph"/> is built. The same thing listed by two accounts (a transit gateway attachment is listed by
/// the gateway's owner and by the VPC's) is kept once: the first read.
/// </summary>
public sealed partial class NetworkBuilder
{
    private readonly Dictionary<string, NetworkVpc> _vpcs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VpcRouteTable> _routeTables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VpcPeering> _vpcPeerings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TransitGateway> _gateways = new(StringComparer.Ordinal);
    // A peering attachment has one id and an end on each gateway: keyed by both.
    private readonly Dictionary<(string, string), TransitGatewayAttachment> _attachments = [];
    private readonly Dictionary<string, TransitGatewayPeering> _gatewayPeerings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Gateway, string Account, string Region)> _tableOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Account, string Region, ImmutableArray<TransitGatewayRoute> Routes)> _tableRoutes = new(StringComparer.Ordinal);

    private readonly Dictionary<string, (string Name, string Account, string Region, bool Acceptance)> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<string>> _servicePrincipals = new(StringComparer.Ordinal);

    private readonly List<SecurityGroupFilter> _groups = [];
    private readonly List<NetworkAclFilter> _acls = [];
    private readonly HashSet<string> _groupsRead = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aclsRead = new(StringComparer.Ordinal);

    internal void Add(SecurityGroupFilter group) => _groups.Add(group);
    internal void Add(NetworkAclFilter acl) => _acls.Add(acl);
    internal void FiltersRead(string command, string account, string region) =>
        (command == NetworkOutputs.SecurityGroups ? _groupsRead : _aclsRead).Add(TrafficFilters.Key(account, region));

    internal void AddEndpointService(string id, string name, string account, string region, bool acceptanceRequired) => _services.TryAdd(id, (name, account, region, acceptanceRequired));
    internal void AddEndpointPrincipals(string serviceId, ImmutableArray<string> principals) => _servicePrincipals.TryAdd(serviceId, principals);

    internal void Add(NetworkVpc vpc) => _vpcs.TryAdd(vpc.VpcId, vpc);
    internal void Add(VpcRouteTable table) => _routeTables.TryAdd(table.RouteTableId, table);
    internal void Add(VpcPeering peering) => _vpcPeerings.TryAdd(peering.PeeringId, peering);
    internal void Add(TransitGateway gateway) => _gateways.TryAdd(gateway.TransitGatewayId, gateway);
    internal void Add(TransitGatewayAttachment attachment) => _attachments.TryAdd((attachment.AttachmentId, attachment.TransitGatewayId), attachment);
    internal void Add(TransitGatewayPeering peering) => _gatewayPeerings.TryAdd(peering.AttachmentId, peering);
    internal void AddRouteTableOwner(string tableId, string gatewayId, string account, string region) => _tableOwners.TryAdd(tableId, (gatewayId, account, region));
    internal void AddRoutes(string tableId, string account, string region, ImmutableArray<TransitGatewayRoute> routes) => _tableRoutes.TryAdd(tableId, (account, region, routes));

    public RouteGraph Build()
    {
        var tables = _tableRoutes.Select(p => new TransitGatewayRouteTable(p.Key,
            _tableOwners.TryGetValue(p.Key, out var owner) ? owner.Gateway : "", p.Value.Account, p.Value.Region, p.Value.Routes));
        var services = _services.Select(s => new EndpointService(s.Key, s.Value.Name, s.Value.Account, s.Value.Region, s.Value.Acceptance, _servicePrincipals.GetValueOrDefault(s.Key, [])));
        return new RouteGraph(_vpcs.Values, _routeTables.Values, _vpcPeerings.Values, _gateways.Values, Associated(_attachments.Values), _gatewayPeerings.Values, tables)
        {
            EndpointServices = services.ToFrozenDictionary(s => s.ServiceId, StringComparer.Ordinal),
            Filters = new TrafficFilters(_groups, _acls, _groupsRead, _aclsRead),
            Links = Links(),
        };
    }
}
