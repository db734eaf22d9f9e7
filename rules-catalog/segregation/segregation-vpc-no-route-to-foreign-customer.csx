// id: segregation-vpc-no-route-to-foreign-customer
// title: No route path leads from a customer's VPC to another customer's VPC or to an account outside the estate
// severity: high
// resource-types: AWS::EC2::VPC
// rationale: Segregation that holds in IAM is undone by routing: one transit gateway route table that two customers' attachments associate with and propagate into puts each one hop from the other. The route graph follows the VPC's route tables, transit gateway attachments, their associated route tables (longest prefix, static over propagated, blackholes), VPC and transit gateway peerings and VPN attachments (to the VPN owner's data centre and back into the gateway by the VPN's own route table), across accounts and regions, and counts a path only when a path back exists; where a transit gateway route table's own list of associations was collected, it says which attachments the table routes. A path to the platform or within the customer passes. A route path is a latent risk whatever the security groups say; where the network of an account that its route paths could cross was not read, no path found is NotAssessed, never Pass (docs/network.md).
// remediation: Give each customer its own transit gateway route table, associated with its attachments only, and propagate into it only the platform's attachments (`aws ec2 disassociate-transit-gateway-route-table`, `associate-transit-gateway-route-table`, `disable-transit-gateway-route-table-propagation`); delete static routes and peerings that lead to another customer.
// controls: n/a (no CIS or FSBP control covers routes between customers)
// references: https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html, https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-isolated.html

var vpc = Network.Graph.Vpc(Resource.Id);
if (vpc is null)
{
    return NotAssessed($"VPC {Resource.Id}: not in the network outputs ({(Network.Unknown([Resource.AccountId]) is null ? "describe-vpcs did not list it" : "its account's network was not read")}), so its routes are unknown");
}
if (!vpc.Seen)
{
    return NotAssessed($"VPC {vpc.VpcId}: only a transit gateway attachment names it; its own route tables were not collected ({(Network.Unknown([Resource.AccountId]) is null ? "describe-vpcs did not list it" : "its account's network was not read")})");
}
// The platform may reach every customer; an account outside the estate is foreign to everyone.
var platform = Estate.IsPlatform(Resource.AccountId);
var foreign = Network.Graph.PathsFrom(vpc.VpcId)
    .Where(p => Estate.Relation(p.To.AccountId, Resource.AccountId) switch { AccountRelation.Unknown => true, AccountRelation.OtherCustomer => !platform, _ => false })
    .ToList();
if (foreign.Count == 0)
{
    return Network.UnknownOnPaths(vpc.VpcId) is { } unknown
        ? NotAssessed($"VPC {vpc.VpcId}: no route path to another customer found, but {unknown}")
        : Pass($"VPC {vpc.VpcId} has route paths only to its own customer's VPCs and the platform's ({Network.Graph.PathsFrom(vpc.VpcId).Count} in all)");
}
string Whose(string account) => Estate.CustomerOf(account) is { } c ? $"customer {c.Id} ({account})" : $"account {account} (outside the estate)";
var first = foreign[0];
// The VPC's endpoints (interface, gateway) beside the path, in the resource panel: what the VPC reaches without a route.
var evidence = Evidence.Value("path", first.Hops()).And("reaches", foreign.Select(p => $"{p.To.VpcId} of {Whose(p.To.AccountId)}"));
var endpoints = Network.Graph.EndpointsOf(vpc.VpcId);
return Fail($"VPC {vpc.VpcId} ({Resource.AccountId}) has a route path to VPC {first.To.VpcId} of {Whose(first.To.AccountId)} through {first.There.Length} hops and back through {first.Back.Length}"
    + (foreign.Count > 1 ? $", and to {foreign.Count - 1} more VPCs of other customers" : "")
    + ". Fix: give each customer its own transit gateway route table that reaches only the platform; delete routes and peerings to other customers",
    endpoints.Count == 0 ? evidence : evidence.And("endpoints", endpoints.Select(e => e.ToString())));
