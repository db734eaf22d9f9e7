using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The EC2 network of one account in one region, through AWS's own AWSSDK.EC2 client: each answer is every page merged,
/// shaped as the AWS CLI prints it (<c>aws ec2 describe-vpcs</c>, ...), so that it is written as the snapshot's
/// <c>network/REGION/COMMAND.json</c> (docs/network.md).
/// </summary>
internal interface IEc2NetworkClient
{
    /// <summary>The CLI commands <see cref="DescribeAsync"/> runs: describe-vpcs, describe-route-tables, ...</summary>
    IReadOnlyCollection<string> Commands { get; }

    /// <summary>
    /// The output of <c>aws ec2 COMMAND</c> (one of <see cref="Commands"/>), every page merged; a VPN connection's
    /// configuration and tunnel keys left out (<see cref="Ec2Secrets"/>).
    /// </summary>
    Task<JsonElement> DescribeAsync(AwsContext context, string command, CancellationToken cancellationToken);

    /// <summary>
    /// <c>aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id TABLE --filters Name=type,Values=static,propagated</c>:
    /// <c>{"Routes": [...], "AdditionalRoutesAvailable": false}</c>. More routes than one answer holds is an error, never a partial list.
    /// </summary>
    Task<JsonElement> SearchTransitGatewayRoutesAsync(AwsContext context, string routeTableId, CancellationToken cancellationToken);

    /// <summary>
    /// <c>aws ec2 COMMAND --transit-gateway-route-table-id TABLE</c>, COMMAND get-transit-gateway-route-table-associations
    /// (<c>{"Associations": [...]}</c>) or get-transit-gateway-route-table-propagations
    /// (<c>{"TransitGatewayRouteTablePropagations": [...]}</c>), every page merged.
    /// </summary>
    Task<JsonElement> RouteTableLinksAsync(AwsContext context, string command, string routeTableId, CancellationToken cancellationToken);

    /// <summary><c>aws ec2 describe-vpc-endpoint-service-permissions --service-id SERVICE</c>: <c>{"AllowedPrincipals": [...]}</c>.</summary>
    Task<JsonElement> DescribeEndpointServicePermissionsAsync(AwsContext context, string serviceId, CancellationToken cancellationToken);
}
