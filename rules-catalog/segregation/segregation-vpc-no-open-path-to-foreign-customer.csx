// id: segregation-vpc-no-open-path-to-foreign-customer
// title: No route path to another customer's VPC is left open by the security groups and network ACLs at both ends
// severity: critical
// resource-types: AWS::EC2::VPC
// rationale: A route path between two customers' VPCs (segregation-vpc-no-route-to-foreign-customer, high) is a latent risk: one security group change away from an exposure. Where a security group and a network ACL at the VPC let traffic out to the other VPC's blocks and the answers back in, and a security group and a network ACL at the other VPC let it in and the answers out, traffic flows today: an exposure. Any protocol or port counts; network ACL entries are taken in rule-number order, the first match deciding. Security groups referenced by id and prefix lists are not followed (docs/network.md). Where the filters of an end were not read, NotAssessed, never Pass.
// remediation: Remove the route path first (see segregation-vpc-no-route-to-foreign-customer); meanwhile narrow the security groups' rules to the platform's blocks (`aws ec2 revoke-security-group-ingress`, `revoke-security-group-egress`) and deny the other customer's blocks in the subnets' network ACLs (`aws ec2 create-network-acl-entry --rule-action deny`).
// controls: n/a (no CIS or FSBP control covers traffic between customers)
// references: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html

var vpc = Network.Graph.Vpc(Resource.Id);
if (vpc is null || !vpc.Seen)
{
    return NotAssessed($"VPC {Resource.Id}: its route tables were not in the network outputs ({(Network.Unknown([Resource.AccountId]) is null ? "describe-vpcs did not list it" : "its account's network was not read")})");
}
// The same paths as segregation-vpc-no-route-to-foreign-customer: the platform may reach every customer.
var platform = Estate.IsPlatform(Resource.AccountId);
var foreign = Network.Graph.PathsFrom(vpc.VpcId)
    .Where(p => Estate.Relation(p.To.AccountId, Resource.AccountId) switch { AccountRelation.Unknown => true, AccountRelation.OtherCustomer => !platform, _ => false })
    .ToList();
string Whose(string account) => Estate.CustomerOf(account) is { } c ? $"customer {c.Id} ({account})" : $"account {account} (outside the estate)";
var open = foreign.Where(p => Network.Graph.Open(p) == true).ToList();
if (open.Count > 0)
{
    var first = open[0];
    return Fail($"VPC {vpc.VpcId} ({Resource.AccountId}) has a route path to VPC {first.To.VpcId} of {Whose(first.To.AccountId)}, and the security groups and network ACLs at both ends let traffic through: an exposure, not only a route"
        + (open.Count > 1 ? $"; {open.Count - 1} more such VPCs" : "")
        + ". Fix: remove the route path; meanwhile narrow the security groups and deny the other customer's blocks in the network ACLs",
        Evidence.Value("path", first.Hops()).And("open", open.Select(p => $"{p.To.VpcId} of {Whose(p.To.AccountId)}")));
}
if (foreign.Select(p => Network.Graph.FiltersUnread(p)).FirstOrDefault(u => u is not null) is { } unread)
{
    return NotAssessed($"VPC {vpc.VpcId}: a route path to another customer exists and {unread}, so whether traffic flows is unknown");
}
if (foreign.Count > 0)
{
    return Pass($"VPC {vpc.VpcId}: {foreign.Count} route path(s) to other customers, each closed by a security group or network ACL at one end (the route itself is reported by segregation-vpc-no-route-to-foreign-customer)");
}
return Network.Unknown(Estate.Accounts.Append(Resource.AccountId)) is { } unknown
    ? NotAssessed($"VPC {vpc.VpcId}: no route path to another customer found, but {unknown}")
    : Pass($"VPC {vpc.VpcId} has no route path to another customer, open or not");
