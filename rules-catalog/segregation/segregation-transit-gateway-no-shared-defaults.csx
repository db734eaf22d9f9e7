// id: segregation-transit-gateway-no-shared-defaults
// title: Transit gateways that serve several customers neither auto-accept shared attachments nor associate and propagate by default
// severity: high
// resource-types: AWS::EC2::TransitGateway
// rationale: With DefaultRouteTableAssociation and DefaultRouteTablePropagation enabled, every new attachment joins one route table and announces its routes into it, so the next customer attached is routed to every other; with AutoAcceptSharedAttachments enabled, any account the gateway is shared with attaches without review. On a gateway that serves one customer these are conveniences; on one that serves several they undo segregation by default. Customers are counted from the gateway's VPC and VPN attachments' owners (describe-transit-gateway-attachments); an account outside the estate counts as a party of its own.
// remediation: Disable the defaults and auto-accept (`aws ec2 modify-transit-gateway --transit-gateway-id ID --options DefaultRouteTableAssociation=disable,DefaultRouteTablePropagation=disable,AutoAcceptSharedAttachments=disable`), then associate each customer's attachments with its own route table.
// controls: n/a (no CIS or FSBP control covers transit gateways shared between customers)
// references: https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayOptions.html

if (Network.Graph.TransitGateway(Resource.Id) is not { } gateway)
{
    return NotAssessed($"transit gateway {Resource.Id}: not in the network outputs ({(Network.Unknown([Resource.AccountId]) is null ? "describe-transit-gateways did not list it" : "its account's network was not read")})");
}
var parties = Network.Graph.AttachmentsOf(gateway.TransitGatewayId)
    .Where(a => a.ResourceType != "peering" && a.State is "available" or "pendingAcceptance" or "pending")
    .Select(a => Estate.CustomerOf(a.ResourceOwnerId)?.Id ?? (Estate.IsPlatform(a.ResourceOwnerId) ? null : "account " + a.ResourceOwnerId))
    .OfType<string>().Distinct().Order().ToList();
var faults = new List<string>();
if (gateway.AutoAcceptSharedAttachments) { faults.Add("AutoAcceptSharedAttachments"); }
if (gateway.DefaultRouteTableAssociation) { faults.Add("DefaultRouteTableAssociation"); }
if (gateway.DefaultRouteTablePropagation) { faults.Add("DefaultRouteTablePropagation"); }
if (parties.Count < 2 || faults.Count == 0)
{
    return Network.Unknown([Resource.AccountId]) is { } unknown
        ? NotAssessed($"transit gateway {gateway.TransitGatewayId}: {unknown}")
        : Pass($"transit gateway {gateway.TransitGatewayId} serves {parties.Count} customer(s) with {(faults.Count == 0 ? "no default association, propagation or auto-accept" : string.Join(", ", faults) + " enabled")}");
}
return Fail($"transit gateway {gateway.TransitGatewayId} serves {parties.Count} customers ({string.Join(", ", parties)}) with {string.Join(", ", faults)} enabled: the next attachment joins every customer's routes. Fix: aws ec2 modify-transit-gateway --options {string.Join(",", faults.Select(f => f + "=disable"))}, then give each customer its own route table",
    Evidence.Value("enabled", faults).And("customers", parties));
