using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The EC2 network calls through AWS's own <see cref="AmazonEC2Client"/>, sent as every other client's requests are
/// (<see cref="AwsRequestSender.CallAsync"/>): each page under the (account, region, ec2) rate, over the same HTTP client
/// and endpoints, retried by our one policy. The SDK's own retries are off (<c>MaxErrorRetry = 0</c>): two layers would
/// multiply the attempts and spend tokens the rate limiter never saw.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
/// </summary>
internal sealed partial class Ec2NetworkClient(AwsRequestSender sender) : IEc2NetworkClient
{
    /// <summary>The largest page most Describe calls allow (MaxResults 5-1000); route tables allow 100.</summary>
    private const int PageSize = 1000;
    private const int RouteTablePageSize = 100;

    /// <summary>A guard against a service that never stops paging.</summary>
    private const int MaxPages = 10_000;

    private delegate Task<(IEnumerable<object>? Items, string? Next)> Page(AmazonEC2Client client, string? token, CancellationToken cancellationToken);

    private static readonly Dictionary<string, (string Operation, string List, Page Page)> Calls = new(StringComparer.Ordinal)
    {
        ["describe-vpcs"] = ("DescribeVpcs", "Vpcs", (c, token, t) =>
            Read(c.DescribeVpcsAsync(new DescribeVpcsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.Vpcs, r.NextToken))),
        ["describe-route-tables"] = ("DescribeRouteTables", "RouteTables", (c, token, t) =>
            Read(c.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { MaxResults = RouteTablePageSize, NextToken = token }, t), r => (r.RouteTables, r.NextToken))),
        ["describe-vpc-peering-connections"] = ("DescribeVpcPeeringConnections", "VpcPeeringConnections", (c, token, t) =>
            Read(c.DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.VpcPeeringConnections, r.NextToken))),
        ["describe-transit-gateways"] = ("DescribeTransitGateways", "TransitGateways", (c, token, t) =>
            Read(c.DescribeTransitGatewaysAsync(new DescribeTransitGatewaysRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.TransitGateways, r.NextToken))),
        ["describe-transit-gateway-attachments"] = ("DescribeTransitGatewayAttachments", "TransitGatewayAttachments", (c, token, t) =>
            Read(c.DescribeTransitGatewayAttachmentsAsync(new DescribeTransitGatewayAttachmentsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.TransitGatewayAttachments, r.NextToken))),
        ["describe-transit-gateway-peering-attachments"] = ("DescribeTransitGatewayPeeringAttachments", "TransitGatewayPeeringAttachments", (c, token, t) =>
            Read(c.DescribeTransitGatewayPeeringAttachmentsAsync(new DescribeTransitGatewayPeeringAttachmentsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.TransitGatewayPeeringAttachments, r.NextToken))),
        ["describe-transit-gateway-route-tables"] = ("DescribeTransitGatewayRouteTables", "TransitGatewayRouteTables", (c, token, t) =>
            Read(c.DescribeTransitGatewayRouteTablesAsync(new DescribeTransitGatewayRouteTablesRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.TransitGatewayRouteTables, r.NextToken))),
        ["describe-vpc-endpoint-service-configurations"] = ("DescribeVpcEndpointServiceConfigurations", "ServiceConfigurations", (c, token, t) =>
            Read(c.DescribeVpcEndpointServiceConfigurationsAsync(new DescribeVpcEndpointServiceConfigurationsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.ServiceConfigurations, r.NextToken))),
        ["describe-security-groups"] = ("DescribeSecurityGroups", "SecurityGroups", (c, token, t) =>
            Read(c.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.SecurityGroups, r.NextToken))),
        ["describe-network-acls"] = ("DescribeNetworkAcls", "NetworkAcls", (c, token, t) =>
            Read(c.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.NetworkAcls, r.NextToken))),
        // DescribeVpnConnections has no pages: one answer holds every connection of the region.
        ["describe-vpn-connections"] = ("DescribeVpnConnections", "VpnConnections", (c, _, t) =>
            Read(c.DescribeVpnConnectionsAsync(new DescribeVpnConnectionsRequest(), t), r => (r.VpnConnections, null))),
        ["describe-vpc-endpoints"] = ("DescribeVpcEndpoints", "VpcEndpoints", (c, token, t) =>
            Read(c.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { MaxResults = PageSize, NextToken = token }, t), r => (r.VpcEndpoints, r.NextToken))),
    };

    public IReadOnlyCollection<string> Commands => Calls.Keys;

    public async Task<JsonElement> DescribeAsync(AwsContext context, string command, CancellationToken cancellationToken)
    {
        var (operation, list, page) = Calls.TryGetValue(command, out var call) ? call : throw new ArgumentException($"aws ec2 {command} is not a network call this client makes", nameof(command));
        using var client = ClientFor(context);
        var items = await AllPagesAsync(context, operation, (token, t) => page(client, token, t), cancellationToken);
        return JsonSerializer.SerializeToElement(Ec2Secrets.Without(Ec2CliJson.Output(list, items)));
    }

    public async Task<JsonElement> RouteTableLinksAsync(AwsContext context, string command, string routeTableId, CancellationToken cancellationToken)
    {
        using var client = ClientFor(context);
        var (list, links) = command switch
        {
            "get-transit-gateway-route-table-associations" => ("Associations", await AllPagesAsync(context, "GetTransitGatewayRouteTableAssociations", (token, t) =>
                Read(client.GetTransitGatewayRouteTableAssociationsAsync(new GetTransitGatewayRouteTableAssociationsRequest
                {
                    TransitGatewayRouteTableId = routeTableId, MaxResults = PageSize, NextToken = token,
                }, t), r => (r.Associations, r.NextToken)), cancellationToken)),
            "get-transit-gateway-route-table-propagations" => ("TransitGatewayRouteTablePropagations", await AllPagesAsync(context, "GetTransitGatewayRouteTablePropagations", (token, t) =>
                Read(client.GetTransitGatewayRouteTablePropagationsAsync(new GetTransitGatewayRouteTablePropagationsRequest
                {
                    TransitGatewayRouteTableId = routeTableId, MaxResults = PageSize, NextToken = token,
                }, t), r => (r.TransitGatewayRouteTablePropagations, r.NextToken)), cancellationToken)),
            _ => throw new ArgumentException($"aws ec2 {command} is not a route table call this client makes", nameof(command)),
        };
        return JsonSerializer.SerializeToElement(Ec2CliJson.Output(list, links));
    }

    public async Task<JsonElement> SearchTransitGatewayRoutesAsync(AwsContext context, string routeTableId, CancellationToken cancellationToken)
    {
        const string operation = "SearchTransitGatewayRoutes";
        using var client = ClientFor(context);
        bool? more = null;
        var routes = await AllPagesAsync(context, operation, async (token, t) =>
        {
            var answer = await client.SearchTransitGatewayRoutesAsync(new SearchTransitGatewayRoutesRequest
            {
                TransitGatewayRouteTableId = routeTableId,
                Filters = [new Filter("type", ["static", "propagated"])],
                MaxResults = PageSize,
                NextToken = token,
            }, t);
            more = answer.AdditionalRoutesAvailable;
            return (answer.Routes, answer.NextToken);
        }, cancellationToken);
        if (more == true)
        {
            // Only the first 1000 routes, and no token for the rest (AWS's older answer): half a table could hide the route that matters.
            throw new InvalidDataException($"ec2:{operation}: {routeTableId} has more routes than one answer holds (AdditionalRoutesAvailable) and no NextToken to page on");
        }
        var output = Ec2CliJson.Output("Routes", routes);
        if (more is { } flag)
        {
            output["AdditionalRoutesAvailable"] = flag;
        }
        return JsonSerializer.SerializeToElement(output);
    }

    public async Task<JsonElement> DescribeEndpointServicePermissionsAsync(AwsContext context, string serviceId, CancellationToken cancellationToken)
    {
        using var client = ClientFor(context);
        var principals = await AllPagesAsync(context, "DescribeVpcEndpointServicePermissions", (token, t) =>
            Read(client.DescribeVpcEndpointServicePermissionsAsync(new DescribeVpcEndpointServicePermissionsRequest
            {
                ServiceId = serviceId, MaxResults = PageSize, NextToken = token,
            }, t), r => (r.AllowedPrincipals, r.NextToken)), cancellationToken);
        return JsonSerializer.SerializeToElement(Ec2CliJson.Output("AllowedPrincipals", principals));
    }

    /// <summary>A page's items and the token of the next, from an SDK answer.</summary>
    private static async Task<(IEnumerable<object>? Items, string? Next)> Read<T>(Task<T> answer, Func<T, (IEnumerable<object>?, string?)> read) => read(await answer);

    private async Task<List<object>> AllPagesAsync(AwsContext context, string operation,
        Func<string?, CancellationToken, Task<(IEnumerable<object>? Items, string? Next)>> page, CancellationToken cancellationToken)
    {
        var items = new List<object>();
        string? token = null;
        for (var pages = 0; ; pages++)
        {
            if (pages == MaxPages)
            {
                throw new InvalidDataException($"ec2:{operation} still paging after {MaxPages} pages");
            }
            var asked = token;
            var (found, next) = await sender.CallAsync(context, AwsService.Ec2, operation, t => AwsSdk.Mapped(AwsService.Ec2, context, operation, () => page(asked, t)), cancellationToken);
            items.AddRange(found ?? []);
            if (string.IsNullOrEmpty(next))
            {
                return items;
            }
            token = next;
        }
    }

    /// <summary>A client for one account and region, on our HTTP client and endpoint, with the SDK's retries off.</summary>
    private AmazonEC2Client ClientFor(AwsContext context)
    {
        var config = AwsSdk.Configured(new AmazonEC2Config(), sender, AwsService.Ec2, context);
        return new AmazonEC2Client(context.Credentials, config);
    }
}
