// id: segregation-endpoint-service-no-foreign-principals
// title: PrivateLink endpoint services admit only principals of the owner's customer or the platform
// severity: critical
// resource-types: AWS::EC2::VPCEndpointService
// rationale: An endpoint service's allowed principals (describe-vpc-endpoint-service-permissions) may create interface endpoints to it and reach the service behind it from their own VPCs, with no route between the networks: a customer's service that admits another customer's account, an account outside the estate, a whole organisation or `*` is reached across the segregation. The platform's services may admit every customer; a principal that is not an account ARN, an organisation or a service is counted as foreign, since whose it is cannot be told. Acceptance required is no defence: one click accepts.
// remediation: Remove the foreign principals (`aws ec2 modify-vpc-endpoint-service-permissions --service-id ID --remove-allowed-principals ARN`) and admit only the accounts of the owner's customer and the platform.
// controls: n/a (no CIS or FSBP control covers endpoint services shared between customers)
// references: https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html#add-remove-permissions, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointServicePermissions.html

if (Network.Graph.EndpointService(Resource.Id) is not { } service)
{
    return NotAssessed($"endpoint service {Resource.Id}: not in the network outputs ({(Network.Unknown([Resource.AccountId]) is null ? "describe-vpc-endpoint-service-configurations did not list it" : "its account's network was not read")})");
}
var platform = Estate.IsPlatform(Resource.AccountId);
var foreign = new List<string>();
foreach (var principal in service.AllowedPrincipals)
{
    if (principal.EndsWith(".amazonaws.com"))
    {
        continue;
    }
    if (principal == "*")
    {
        foreign.Add("* (every AWS account)");
    }
    else if (!Arn.TryParse(principal, out var arn))
    {
        foreign.Add($"{principal} (not an ARN: whose it is is unknown)");
    }
    else if (arn.Service == "organizations")
    {
        foreign.Add($"{principal} (a whole organisation or OU: every customer in it)");
    }
    else if (Estate.Relation(arn.AccountId, Resource.AccountId) switch { AccountRelation.Unknown => true, AccountRelation.OtherCustomer => !platform, _ => false })
    {
        foreign.Add($"{principal} ({(Estate.CustomerOf(arn.AccountId) is { } c ? "customer " + c.Id : "outside the estate")})");
    }
}
return foreign.Count == 0
    ? Pass($"endpoint service {service.ServiceId} admits {service.AllowedPrincipals.Length} principal(s), none of another customer or outside the estate")
    : Fail($"endpoint service {service.ServiceId} ({service.ServiceName}) admits {string.Join(", ", foreign)}. Fix: aws ec2 modify-vpc-endpoint-service-permissions --service-id {service.ServiceId} --remove-allowed-principals for each",
        Evidence.Value("foreignPrincipals", foreign).And("acceptanceRequired", service.AcceptanceRequired ? "true" : "false"));
