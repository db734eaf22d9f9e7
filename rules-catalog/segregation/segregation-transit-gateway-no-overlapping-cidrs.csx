// id: segregation-transit-gateway-no-overlapping-cidrs
// title: VPCs of different customers that share a transit gateway route table have no overlapping CIDR blocks
// severity: high
// resource-types: AWS::EC2::TransitGateway
// rationale: A transit gateway route table holds one route per prefix: when two customers' VPCs with overlapping blocks are associated with it or routed by it, one block's route wins (the longer prefix, or the static one) and traffic meant for one customer's addresses is delivered silently to the other's. Overlaps within one customer are its own affair and pass; the platform counts as a party of its own, since a customer's block over the platform's captures every other customer's traffic to the platform.
// remediation: Renumber one of the VPCs (add a non-overlapping CIDR block and move the workloads), or move the customers to route tables of their own so that no table routes to both blocks.
// controls: n/a (no CIS or FSBP control covers address overlaps between customers)
// references: https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-overlap, https://docs.aws.amazon.com/vpc/latest/tgw/tgw-best-design-practices.html

if (Network.Graph.TransitGateway(Resource.Id) is not { } gateway)
{
    return NotAssessed($"transit gateway {Resource.Id}: not in the network outputs ({(Network.Unknown([Resource.AccountId]) is null ? "describe-transit-gateways did not list it" : "its account's network was not read")})");
}
var overlaps = new List<string>();
foreach (var (table, vpcs) in Network.Graph.RouteTablesOf(gateway.TransitGatewayId))
{
    foreach (var a in vpcs)
    {
        foreach (var b in vpcs.Where(v => string.CompareOrdinal(v.VpcId, a.VpcId) > 0
            && Estate.Relation(v.AccountId, a.AccountId) is not (AccountRelation.Own or AccountRelation.SameCustomer)))
        {
            var pair = a.Cidrs.SelectMany(c => b.Cidrs.Where(d => c.Overlaps(d)).Select(d => $"{c} and {d}")).FirstOrDefault();
            if (pair is not null)
            {
                overlaps.Add($"{table}: {a.VpcId} ({a.AccountId}) and {b.VpcId} ({b.AccountId}): {pair}");
            }
        }
    }
}
if (overlaps.Count > 0)
{
    return Fail($"transit gateway {gateway.TransitGatewayId}: {overlaps.Count} pair(s) of VPCs of different customers share a route table with overlapping blocks, first {overlaps[0]}. Fix: renumber one VPC of each pair or give each customer its own route table",
        Evidence.Value("overlaps", overlaps));
}
return Network.Unknown([Resource.AccountId]) is { } unknown
    ? NotAssessed($"transit gateway {gateway.TransitGatewayId}: {unknown}")
    : Pass($"transit gateway {gateway.TransitGatewayId}: no route table of it joins overlapping blocks of different customers");
