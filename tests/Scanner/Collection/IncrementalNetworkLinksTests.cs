using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using static Ocado.Guardrails.Tests.Scanner.Collection.CollectNetworkTests;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `collect --since` and the VPN connections and VPC peering connections: AWS Config records both
/// (AWS::EC2::VPNConnection, AWS::EC2::VPCPeeringConnection, whose items hold the gateways, state, static routing, VPCs and
/// status the network reads), so a second night copies them where Config shows no change; it reads them where a route
/// table changed (a new route may name a peering another account requested), where the recorder does not record the
/// type, where a peering joins another account's VPC (the other side's calls are its Config items), and where a resource
/// is in a state AWS moves on by itself. Either way the files and findings are those of a full collection.
/// </summary>
public sealed class IncrementalNetworkLinksTests
{
    [Fact]
    public async Task ASecondNightCopiesTheVpnConnectionsAndPeeringsConfigShowsUnchangedAndReadsThoseWhoseTypesChanged()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, same, _, isolated) = PlantHub(harness);
        // A peering of two of same's own VPCs in the region, and one of isolated's: Config of the account records each.
        Serve(harness, same, new() { [NetworkOutputs.VpcPeerings] = Output("VpcPeeringConnections", Peering("pcx-0a0000000000000001", same, Vpc(same), same, SecondVpc(same), "active")) });
        Serve(harness, isolated, new() { [NetworkOutputs.VpcPeerings] = Output("VpcPeeringConnections", Peering("pcx-0a0000000000000002", isolated, Vpc(isolated), isolated, SecondVpc(isolated), "active")) });
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);

        // Between the nights: the hub's VPN connection turns to static routes (a change of its Config item), and isolated
        // peers its VPC with a third VPC of its own and routes to it (a route table change: the peerings are read with it).
        var hubNetwork = harness.Server.Estate.Accounts[hub].Network[Region];
        hubNetwork[NetworkOutputs.VpnConnections]["VpnConnections"]![0]!["Options"]!["StaticRoutesOnly"] = true;
        AddConfigItem(harness, hub, "AWS::EC2::VPNConnection", Vpn, $"arn:aws:ec2:{Region}:{hub}:vpn-connection/{Vpn}", DateTimeOffset.UtcNow);
        var network = harness.Server.Estate.Accounts[isolated].Network[Region];
        network[NetworkOutputs.VpcPeerings]["VpcPeeringConnections"]!.AsArray().Add(Peering("pcx-0a0000000000000003", isolated, Vpc(isolated), isolated, $"vpc-0{isolated[^8..]}00000003", "active"));
        network[NetworkOutputs.RouteTables]["RouteTables"]![0]!["Routes"]!.AsArray()
            .Add(new JsonObject { ["DestinationCidrBlock"] = "10.30.0.0/16", ["VpcPeeringConnectionId"] = "pcx-0a0000000000000003", ["Origin"] = "CreateRoute", ["State"] = "active" });
        AddConfigItem(harness, isolated, "AWS::EC2::RouteTable", $"rtb-0{isolated[^8..]}", $"arn:aws:ec2:{Region}:{isolated}:route-table/rtb-0{isolated[^8..]}", DateTimeOffset.UtcNow);

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "ec2");

        Assert.Empty(summary.Gaps);
        Assert.DoesNotContain(summary.Incremental!.Full, f => f.Source == CoverageGap.Sources.Network);
        // Read only where the type changed: every other account and region copied its VPN connections and peerings.
        Assert.Equal([(hub, Region)], calls.Where(c => c.Operation == "DescribeVpnConnections").Select(c => (c.Account, c.Region)));
        Assert.Equal([(isolated, Region)], calls.Where(c => c.Operation == "DescribeVpcPeeringConnections").Select(c => (c.Account, c.Region)));
        // The VPC endpoints are read wherever one is listed (their Config item holds no policy document); a list of none
        // is copied, since an endpoint created is a Config item.
        Assert.Equal([(same, Region)], calls.Where(c => c.Operation == "DescribeVpcEndpoints").Select(c => (c.Account, c.Region)));
        Assert.Equal(IncrementalNetworkTests.NetworkFiles(full, harness), IncrementalNetworkTests.NetworkFiles(second, harness));
        Assert.Equal(Scan(harness.ReadCollected(full), harness), Scan(harness.ReadCollected(second), harness));
        var collected = harness.ReadCollected(second);
        Assert.True(collected.Network.Graph.Vpn(Vpn)!.StaticRoutesOnly);
        Assert.Empty(collected.Network.Gaps);
    }

    [Fact]
    public async Task WhatAnotherAccountOrAwsAloneChangesAndWhatTheRecorderDoesNotRecordIsReadEveryNight()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, same, other, _) = PlantHub(harness);
        // The hub's VPC peers with other's (another customer's), routed both ways; the hub's VPN connection is still pending.
        const string Peered = "pcx-0a0000000000000004";
        foreach (var (account, to) in new[] { (hub, "10.2.0.0/16"), (other, "10.0.0.0/16") })
        {
            Serve(harness, account, new() { [NetworkOutputs.VpcPeerings] = Output("VpcPeeringConnections", Peering(Peered, hub, Vpc(hub), other, Vpc(other), "active")) });
            harness.Server.Estate.Accounts[account].Network[Region][NetworkOutputs.RouteTables]["RouteTables"]![0]!["Routes"]!.AsArray()
                .Add(new JsonObject { ["DestinationCidrBlock"] = to, ["VpcPeeringConnectionId"] = Peered, ["Origin"] = "CreateRoute", ["State"] = "active" });
        }
        harness.Server.Estate.Accounts[hub].Network[Region][NetworkOutputs.VpnConnections]["VpnConnections"]![0]!["State"] = "pending";
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        var before = Scan(harness.ReadCollected(first), harness);
        // same's recorder now records every type but VPN connections.
        // A recording group is changed by a call CloudTrail records (PutConfigurationRecorder): the second night describes the recorder again.
        harness.Server.Estate.Accounts[same].RecordEvent(Region, "config.amazonaws.com", "PutConfigurationRecorder");
        harness.Server.Faults.Recording[(same, Region)] = (new JsonObject
        {
            ["allSupported"] = false, ["recordingStrategy"] = new JsonObject { ["useOnly"] = "EXCLUSION_BY_RESOURCE_TYPES" },
            ["exclusionByResourceTypes"] = new JsonObject { ["resourceTypes"] = new JsonArray("AWS::EC2::VPNConnection") },
        }, new JsonObject { ["recordingFrequency"] = "CONTINUOUS" });

        // Between the nights: other deletes the peering (an item of other's Config, none of the hub's), and AWS finishes
        // the hub's VPN connection (no call of the account).
        foreach (var account in new[] { hub, other })
        {
            harness.Server.Estate.Accounts[account].Network[Region][NetworkOutputs.VpcPeerings]["VpcPeeringConnections"]![0]!["Status"]!["Code"] = "deleted";
        }
        AddConfigItem(harness, other, "AWS::EC2::VPCPeeringConnection", Peered, $"arn:aws:ec2:{Region}:{other}:vpc-peering-connection/{Peered}", DateTimeOffset.UtcNow);
        harness.Server.Estate.Accounts[hub].Network[Region][NetworkOutputs.VpnConnections]["VpnConnections"]![0]!["State"] = "available";

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "ec2");

        Assert.Empty(summary.Gaps);
        var fallback = Assert.Single(summary.Incremental!.Full, f => f.Source == CoverageGap.Sources.Network);
        Assert.Equal((same, Region, "describe-vpn-connections: the Config recorder does not record AWS::EC2::VPNConnection"), (fallback.AccountId, fallback.Region, fallback.Reason));
        // The hub's peerings (another account's VPC) and other's (its Config changed); the hub's VPN connection (it was
        // pending) and same's (not recorded). Nothing else of these two outputs.
        Assert.Equal([(hub, Region), (other, Region)], calls.Where(c => c.Operation == "DescribeVpcPeeringConnections").Select(c => (c.Account, c.Region)).Order());
        Assert.Equal([(hub, Region), (same, Region)], calls.Where(c => c.Operation == "DescribeVpnConnections").Select(c => (c.Account, c.Region)).Order());
        Assert.Equal(IncrementalNetworkTests.NetworkFiles(full, harness), IncrementalNetworkTests.NetworkFiles(second, harness));
        var after = Scan(harness.ReadCollected(second), harness);
        Assert.Equal(Scan(harness.ReadCollected(full), harness), after);
        // The deletion is seen: the hub's VPC no longer reaches other's.
        Assert.Contains(before, l => l.StartsWith($"segregation-vpc-no-route-to-foreign-customer {Vpc(hub)} Fail", StringComparison.Ordinal));
        Assert.DoesNotContain(after, l => l.StartsWith($"segregation-vpc-no-route-to-foreign-customer {Vpc(hub)} Fail", StringComparison.Ordinal));
    }

    private static string SecondVpc(string account) => $"vpc-0{account[^8..]}00000002";

    /// <summary>A VPC peering connection as `aws ec2 describe-vpc-peering-connections` prints it.</summary>
    private static JsonObject Peering(string id, string requester, string requesterVpc, string accepter, string accepterVpc, string status) => new()
    {
        ["AccepterVpcInfo"] = new JsonObject { ["CidrBlock"] = "10.9.0.0/16", ["OwnerId"] = accepter, ["VpcId"] = accepterVpc, ["Region"] = Region },
        ["RequesterVpcInfo"] = new JsonObject { ["CidrBlock"] = "10.8.0.0/16", ["OwnerId"] = requester, ["VpcId"] = requesterVpc, ["Region"] = Region },
        ["Status"] = new JsonObject { ["Code"] = status, ["Message"] = status == "active" ? "Active" : "Deleted by " + accepter },
        ["VpcPeeringConnectionId"] = id,
    };
}
