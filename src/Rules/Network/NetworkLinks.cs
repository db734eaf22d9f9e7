using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// An attachment a transit gateway route table lists as associated with it (<c>get-transit-gateway-route-table-associations</c>)
/// or as propagating into it (<c>get-transit-gateway-route-table-propagations</c>): VPC, VPN, peering, Direct Connect gateway alike.
/// </summary>
public sealed record RouteTableLink(string AttachmentId, string ResourceType, string ResourceId);

/// <summary>
/// A Site-to-Site VPN connection (<c>describe-vpn-connections</c>) of the account that owns it: the way to a data centre.
/// Its tunnels' keys and the customer gateway's configuration are never read (nor written by <c>collect</c>).
/// </summary>
/// <param name="StaticRoutesOnly">The data centre's routes are set by hand (true) or learned over BGP (false).</param>
public sealed record VpnConnection(string VpnConnectionId, string AccountId, string Region, string? TransitGatewayId, string? CustomerGatewayId, string State, bool StaticRoutesOnly);

/// <summary>An interface, gateway or Gateway Load Balancer endpoint of a VPC (<c>describe-vpc-endpoints</c>).</summary>
/// <param name="PolicyDocument">The endpoint policy as AWS returns it (a JSON string), or null when it has none.</param>
public sealed record VpcEndpoint(string EndpointId, string Type, string VpcId, string ServiceName, string State, string AccountId, string Region,
    string? PolicyDocument, ImmutableArray<string> RouteTableIds)
{
    /// <summary>As a finding's evidence shows it: <c>vpce-… Gateway com.amazonaws.eu-west-1.s3 (available, route tables rtb-…, with a policy)</c>.</summary>
    public override string ToString() =>
        $"{EndpointId} {Type} {ServiceName} ({State}{(RouteTableIds.IsEmpty ? "" : ", route tables " + string.Join(' ', RouteTableIds))}{(PolicyDocument is null ? "" : ", with a policy")})";
}
