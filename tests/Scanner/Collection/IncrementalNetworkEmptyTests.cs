using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;
using static Ocado.Guardrails.Tests.Scanner.Collection.CollectNetworkTests;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `collect --since` and the network outputs whose Config items do not hold what the network reads (VPC endpoints,
/// transit gateway attachments) or that Config does not record (transit gateway peerings): a list of none is copied while
/// Config shows none created, since the first one would be a Config item of the account (an endpoint or attachment it
/// creates; a peering needs a transit gateway of its own). A list of some, and the attachments and peerings of an account
/// that lists a transit gateway (another account attaches or peers without a Config item here), are read every night.
/// </summary>
public sealed class IncrementalNetworkEmptyTests
{
    [Fact]
    public async Task AListOfNoneIsCopiedUntilConfigShowsTheFirstAndAGatewayAccountsAttachmentsAndPeeringsAreReadEveryNight()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, same, other, isolated) = PlantHub(harness);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);

        // Between the nights: isolated creates a gateway endpoint for S3 (a Config item of AWS::EC2::VPCEndpoint), and a
        // transit gateway of another region asks to peer with the hub's (no Config item of the hub's says so).
        const string Endpoint = "vpce-0f1e2d3c4b5a69788";
        Serve(harness, isolated, new()
        {
            [NetworkOutputs.VpcEndpoints] = Output("VpcEndpoints", new JsonObject
            {
                ["VpcEndpointId"] = Endpoint, ["VpcEndpointType"] = "Gateway", ["VpcId"] = Vpc(isolated), ["ServiceName"] = $"com.amazonaws.{Region}.s3",
                ["State"] = "available", ["RouteTableIds"] = new JsonArray($"rtb-0{isolated[^8..]}"), ["OwnerId"] = isolated,
                ["PolicyDocument"] = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            }),
        });
        AddConfigItem(harness, isolated, "AWS::EC2::VPCEndpoint", Endpoint, $"arn:aws:ec2:{Region}:{isolated}:vpc-endpoint/{Endpoint}", DateTimeOffset.UtcNow);
        Serve(harness, hub, new()
        {
            [NetworkOutputs.TransitGatewayPeerings] = Output("TransitGatewayPeeringAttachments", new JsonObject
            {
                ["TransitGatewayAttachmentId"] = "tgw-attach-0b0000000000000001", ["State"] = "pendingAcceptance",
                ["RequesterTgwInfo"] = new JsonObject { ["TransitGatewayId"] = "tgw-0b0000000000000001", ["OwnerId"] = other, ["Region"] = "eu-central-1" },
                ["AccepterTgwInfo"] = new JsonObject { ["TransitGatewayId"] = Gateway, ["OwnerId"] = hub, ["Region"] = Region },
                ["Status"] = new JsonObject { ["Code"] = "pendingAcceptance", ["Message"] = "Pending Acceptance" }, ["CreationTime"] = "2026-12-04T22:00:00.000Z",
            }),
        });

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "ec2");

        Assert.Empty(summary.Gaps);
        Assert.DoesNotContain(summary.Incremental!.Full, f => f.Source == CoverageGap.Sources.Network);
        // Endpoints: same lists one (read), isolated created one (read); every other list of none copied.
        Assert.Equal(new[] { (same, Region), (isolated, Region) }.Order(), Places(calls, "DescribeVpcEndpoints"));
        // Attachments and peerings: only where a transit gateway is listed, the hub's region; nowhere else.
        Assert.Equal([(hub, Region)], Places(calls, "DescribeTransitGatewayAttachments"));
        Assert.Equal([(hub, Region)], Places(calls, "DescribeTransitGatewayPeeringAttachments"));
        Assert.Equal(IncrementalNetworkTests.NetworkFiles(full, harness), IncrementalNetworkTests.NetworkFiles(second, harness));
        Assert.Equal(Scan(harness.ReadCollected(full), harness), Scan(harness.ReadCollected(second), harness));
        var graph = harness.ReadCollected(second).Network.Graph;
        Assert.Equal(Endpoint, Assert.Single(graph.EndpointsOf(Vpc(isolated))).EndpointId);
        Assert.Contains("tgw-attach-0b0000000000000001", File.ReadAllText(Path.Combine(second, SnapshotLayout.NetworkFile(hub, Region, NetworkOutputs.TransitGatewayPeerings))), StringComparison.Ordinal);
    }

    private static IEnumerable<(string, string)> Places(IEnumerable<RecordedRequest> calls, string operation) =>
        calls.Where(c => c.Operation == operation).Select(c => (c.Account, c.Region)).Distinct().Order();
}
