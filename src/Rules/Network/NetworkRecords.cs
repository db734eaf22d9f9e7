using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>A route of a VPC route table (<c>describe-route-tables</c>): its destination, target and state.</summary>
/// <param name="Target">The target's id: <c>local</c>, <c>tgw-…</c>, <c>pcx-…</c>, <c>igw-…</c>, …</param>
internal sealed record VpcRoute(Cidr Destination, string Target, bool Blackhole);

internal sealed record VpcRouteTable(string RouteTableId, string VpcId, string AccountId, string Region, ImmutableArray<VpcRoute> Routes);

/// <summary>A transit gateway (<c>describe-transit-gateways</c>) and the options that decide who joins it and where.</summary>
public sealed record TransitGateway(
    string TransitGatewayId, string Arn, string AccountId, string Region,
    bool AutoAcceptSharedAttachments, bool DefaultRouteTableAssociation, bool DefaultRouteTablePropagation);

/// <summary>
/// A transit gateway attachment (<c>describe-transit-gateway-attachments</c>) seen from one transit gateway: what it
/// attaches (a VPC, a VPN, a peering with another transit gateway), whose that is, and the route table it is associated with.
/// </summary>
public sealed record TransitGatewayAttachment(
    string AttachmentId, string TransitGatewayId, string Region, string ResourceType, string ResourceId, string ResourceOwnerId,
    string State, string? AssociatedRouteTableId);

/// <summary>A route of a transit gateway route table (<c>search-transit-gateway-routes</c>).</summary>
/// <param name="Static">Static, or propagated from an attachment.</param>
internal sealed record TransitGatewayRoute(Cidr Destination, bool Static, bool Blackhole, ImmutableArray<string> AttachmentIds);

/// <summary>A transit gateway route table with its routes, as searched.</summary>
internal sealed record TransitGatewayRouteTable(string RouteTableId, string TransitGatewayId, string AccountId, string Region, ImmutableArray<TransitGatewayRoute> Routes);

/// <summary>A transit gateway peering (<c>describe-transit-gateway-peering-attachments</c>): one attachment id, a gateway at each end.</summary>
internal sealed record TransitGatewayPeering(string AttachmentId, string RequesterGatewayId, string AccepterGatewayId, string State);

/// <summary>A VPC peering (<c>describe-vpc-peering-connections</c>).</summary>
internal sealed record VpcPeering(string PeeringId, string RequesterVpcId, string AccepterVpcId, string State);

/// <summary>
/// A PrivateLink endpoint service of its owner (<c>describe-vpc-endpoint-service-configurations</c>) and the principals
/// allowed to connect to it (<c>describe-vpc-endpoint-service-permissions</c>), as written: account or role ARNs, <c>*</c>.
/// </summary>
public sealed record EndpointService(string ServiceId, string ServiceName, string AccountId, string Region, bool AcceptanceRequired, ImmutableArray<string> AllowedPrincipals);
