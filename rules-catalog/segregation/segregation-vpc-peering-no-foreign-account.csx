// id: segregation-vpc-peering-no-foreign-account
// title: VPC peerings connect only to VPCs of the customer's own accounts or the platform
// severity: critical
// resource-types: AWS::EC2::VPCPeeringConnection
// rationale: A peering routes traffic between two VPCs; a peering with another customer's VPC, or with an account outside the estate, joins the customer's network to theirs. The owners of both sides are read from configuration.accepterVpcInfo.ownerId and requesterVpcInfo.ownerId, as AWS Config records them; the resource's own side is its own account. A peering whose status is rejected, failed, expired or deleted connects nothing and passes; a pending one fails, since one acceptance makes it live.
// remediation: Delete the peering (`aws ec2 delete-vpc-peering-connection --vpc-peering-connection-id ID`) and remove its routes; connect customers to the platform only through the platform's shared services.
// controls: n/a (no CIS or FSBP control covers peering across customers)
// references: https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcPeeringConnection.html

// A peering that was rejected, failed, expired or deleted connects nothing; a pending one is one acceptance away from it.
if (Resource.ConfigString("Status", "Code") is "rejected" or "failed" or "expired" or "deleted" or "deleting")
{
    return Pass($"peering {Resource.DisplayName} is {Resource.ConfigString("Status", "Code")} and connects nothing");
}
if (ResourceSharing.Grants(Resource, Estate) is not { } sides)
{
    return Skip($"peering {Resource.DisplayName}: the owners of its VPCs were not recorded (accepterVpcInfo/requesterVpcInfo.ownerId)");
}
var foreign = sides.Where(g => g.IsForeign).ToList();
return foreign.Count == 0
    ? Pass($"peering {Resource.DisplayName} connects only accounts of its customer or the platform ({ResourceSharing.Describe(sides)})")
    : Fail($"peering {Resource.Arn} connects the customer's VPC to {ResourceSharing.Describe(foreign)}. Fix: delete the peering with aws ec2 delete-vpc-peering-connection and remove its routes", Evidence.Value("foreignOwners", foreign.Select(g => g.Grantee)));
