namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// One step of a route path: what the traffic passes (a VPC's route table and the route it takes, a transit
/// gateway attachment, a transit gateway route table and its route, a peering) and where it is.
/// </summary>
/// <param name="Kind">route-table, tgw-attachment, tgw-route-table, vpc-peering, vpn (the data centre behind a VPN attachment, as its owner).</param>
/// <param name="Detail">What was taken there: the route (destination and target, static or propagated) or what is attached.</param>
public sealed record RouteHop(string Kind, string Id, string AccountId, string Region, string Detail)
{
    public override string ToString() => $"{Kind} {Id} ({AccountId} {Region}): {Detail}";
}
