using System.Collections.Concurrent;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// Where the route paths of a VPC could go: the (account, region) of every VPC, VPC route table, transit gateway and
/// transit gateway route table they could cross, and each reference that leads to nothing read.
/// </summary>
/// <param name="Unresolved">What a route leads to that no output read lists (a gateway, a route table, a peering, a VPC).</param>
internal sealed record PathScope(IReadOnlySet<(string Account, string Region)> Places, IReadOnlyList<string> Unresolved);

public sealed partial class RouteGraph
{
    private readonly ConcurrentDictionary<string, PathScope> _scopes = new(StringComparer.Ordinal);

    /// <summary>
    /// Everything a route path of <paramref name="vpcId"/> could cross, whatever the prefix: each non-blackhole route
    /// of its route tables, the gateway route tables its attachments are associated with and every route in them,
    /// transit gateway and VPC peerings; and on from every VPC reached, since a way back starts there. A path not found
    /// is proof of no path only when all of it was read (<see cref="NetworkView.UnknownOnPaths"/>).
    /// </summary>
    internal PathScope ScopeOf(string vpcId) => Engine.SharedData.GetOrAdd(_scopes, vpcId, static (vpc, self) => self.Scope(vpc), this);

    private PathScope Scope(string vpcId)
    {
        var places = new HashSet<(string, string)>();
        var unresolved = new List<string>();
        var vpcs = new HashSet<string>(StringComparer.Ordinal) { vpcId };
        var tables = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([vpcId]);
        void Reach(string id)
        {
            if (vpcs.Add(id))
            {
                queue.Enqueue(id);
            }
        }
        void Enter(TransitGatewayAttachment entry)
        {
            if (_gateways.TryGetValue(entry.TransitGatewayId, out var gateway))
            {
                places.Add((gateway.AccountId, gateway.Region));
            }
            if (entry.AssociatedRouteTableId is not { } tableId || !tables.Add(tableId))
            {
                return;
            }
            if (!_gatewayTables.TryGetValue(tableId, out var table))
            {
                unresolved.Add($"transit gateway route table {tableId} (associated with {entry.AttachmentId} on {entry.TransitGatewayId}) was not read");
                return;
            }
            places.Add((table.AccountId, table.Region));
            foreach (var attachmentId in table.Routes.Where(r => !r.Blackhole).SelectMany(r => r.AttachmentIds).Distinct(StringComparer.Ordinal))
            {
                if (!_attachments.TryGetValue((attachmentId, entry.TransitGatewayId), out var exit))
                {
                    unresolved.Add($"transit gateway route table {tableId} routes to attachment {attachmentId}, which no output read lists");
                }
                else if (exit.State == "available" && exit.ResourceType == "vpc")
                {
                    Reach(exit.ResourceId);
                }
                else if (exit.State == "available" && exit.ResourceType == "peering" && Across(exit, unresolved) is { } far)
                {
                    Enter(far);
                }
                else if (exit.State == "available" && exit.ResourceType == "vpn")
                {
                    // The data centre may send it back over the VPN (RouteGraph.VpnHop): on by the VPN's own route table.
                    places.Add((exit.ResourceOwnerId, exit.Region));
                    Enter(exit);
                }
            }
        }
        while (queue.TryDequeue(out var id))
        {
            if (!_vpcs.TryGetValue(id, out var vpc))
            {
                unresolved.Add($"VPC {id}, reached by a VPC peering, is in no describe-vpcs read");
                continue;
            }
            places.Add((vpc.AccountId, vpc.Region));
            if (!vpc.Seen)
            {
                // Its own route tables are unseen: taken to send everything to each of its attachments (RouteGraph.Forward).
                foreach (var entry in _attachments.Values.Where(a => a.ResourceType == "vpc" && a.ResourceId == id && a.State == "available"))
                {
                    Enter(entry);
                }
                continue;
            }
            foreach (var table in _tablesByVpc.GetValueOrDefault(id, []))
            {
                places.Add((table.AccountId, table.Region));
                foreach (var route in table.Routes.Where(r => !r.Blackhole))
                {
                    if (route.Target.StartsWith("pcx-", StringComparison.Ordinal))
                    {
                        if (!_vpcPeerings.TryGetValue(route.Target, out var peering))
                        {
                            unresolved.Add($"route table {table.RouteTableId} sends {route.Destination} to VPC peering {route.Target}, which no describe-vpc-peering-connections read lists");
                        }
                        else if (peering.State == "active")
                        {
                            Reach(peering.RequesterVpcId == id ? peering.AccepterVpcId : peering.RequesterVpcId);
                        }
                    }
                    else if (route.Target.StartsWith("tgw-", StringComparison.Ordinal))
                    {
                        var mine = AttachmentsOf(route.Target).Where(a => a.ResourceType == "vpc" && a.ResourceId == id).ToList();
                        if (mine.Count == 0)
                        {
                            unresolved.Add($"route table {table.RouteTableId} sends {route.Destination} to transit gateway {route.Target}, whose attachment of {id} no output read lists");
                        }
                        foreach (var entry in mine.Where(a => a.State == "available"))
                        {
                            Enter(entry);
                        }
                    }
                }
            }
        }
        return new PathScope(places, unresolved);
    }

    /// <summary>The far end of a transit gateway peering that is up, or null (with why, when the far end was not read).</summary>
    private TransitGatewayAttachment? Across(TransitGatewayAttachment near, List<string> unresolved)
    {
        if (!_gatewayPeerings.TryGetValue(near.AttachmentId, out var peering))
        {
            unresolved.Add($"transit gateway peering {near.AttachmentId} is in no describe-transit-gateway-peering-attachments read");
            return null;
        }
        if (peering.State != "available")
        {
            return null;
        }
        var far = FarEnd(near);
        if (far is null)
        {
            var other = peering.RequesterGatewayId == near.TransitGatewayId ? peering.AccepterGatewayId : peering.RequesterGatewayId;
            unresolved.Add($"the far end of transit gateway peering {near.AttachmentId}, on {other}, is in no describe-transit-gateway-attachments read");
        }
        return far;
    }
}
