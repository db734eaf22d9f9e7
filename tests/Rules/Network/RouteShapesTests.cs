namespace Ocado.Guardrails.Tests.Rules.Network;

/// <summary>
/// Route paths of one to four hops between VPCs (a hop: from a VPC or gateway to the next one, so a VPC peering is one hop,
/// a transit gateway between two VPCs two, and each transit gateway peering one more), ways back that differ from the way
/// there, and which of a static and a propagated route wins.
/// </summary>
public sealed class RouteShapesTests
{
    private const string Hub = "999999999999";
    private const string Acme = "111111111111";
    private const string Globex = "333333333333";
    private static readonly string[] Regions = ["eu-west-1", "us-east-1", "ap-southeast-2"];

    /// <summary>
    /// Acme's VPC in the first region, Globex's in the region of gateway <paramref name="gateways"/>-1: a chain of gateways,
    /// each peered with the next, the first and last attaching the VPCs; every route table sends the far VPC's block onward.
    /// </summary>
    private static NetworkSketch Chain(int gateways)
    {
        var last = Regions[gateways - 1];
        var sketch = new NetworkSketch()
            .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16", last)
            .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.1.0.0/16", "local", "active"), ("10.0.0.0/8", "tgw-0", "active")])
            .RouteTable(Globex, "rtb-b", "vpc-b", last, ("10.3.0.0/16", "local", "active"), ("10.0.0.0/8", $"tgw-{gateways - 1}", "active"));
        for (var g = 0; g < gateways; g++)
        {
            sketch.Gateway(Hub, $"tgw-{g}", Regions[g]);
        }
        sketch.Attachment(Hub, "tgw-attach-a", "tgw-0", "vpc", "vpc-a", Acme, "tgw-rtb-0-in", Regions[0])
            .Attachment(Hub, "tgw-attach-b", $"tgw-{gateways - 1}", "vpc", "vpc-b", Globex, $"tgw-rtb-{gateways - 1}-in", last);
        for (var g = 0; g + 1 < gateways; g++)
        {
            var peering = $"tgw-attach-peer-{g}";
            sketch.GatewayPeering(Hub, peering, $"tgw-{g}", Regions[g], $"tgw-{g + 1}", Regions[g + 1], Regions[g])
                .GatewayPeering(Hub, peering, $"tgw-{g}", Regions[g], $"tgw-{g + 1}", Regions[g + 1], Regions[g + 1])
                // Traffic from the nearer gateway enters the next one associated with its "in" table, and back with the "back" one.
                .Attachment(Hub, peering, $"tgw-{g}", "peering", $"tgw-{g + 1}", Hub, $"tgw-rtb-{g}-back", Regions[g])
                .Attachment(Hub, peering, $"tgw-{g + 1}", "peering", $"tgw-{g}", Hub, $"tgw-rtb-{g + 1}-in", Regions[g + 1]);
        }
        for (var g = 0; g < gateways; g++)
        {
            var onward = g == gateways - 1 ? "tgw-attach-b" : $"tgw-attach-peer-{g}";
            var backward = g == 0 ? "tgw-attach-a" : $"tgw-attach-peer-{g - 1}";
            sketch.GatewayTable(Hub, $"tgw-rtb-{g}-in", $"tgw-{g}", Regions[g], ("10.3.0.0/16", "static", "active", onward));
            if (g < gateways - 1)
            {
                sketch.GatewayTable(Hub, $"tgw-rtb-{g}-back", $"tgw-{g}", Regions[g], ("10.1.0.0/16", "static", "active", backward));
            }
        }
        // Globex's attachment and the last peering's far end are associated with "in" tables: give the way back its routes there too.
        var end = gateways - 1;
        sketch.GatewayTable(Hub, $"tgw-rtb-{end}-in", $"tgw-{end}", last, ("10.3.0.0/16", "static", "active", "tgw-attach-b"),
            ("10.1.0.0/16", "static", "active", end == 0 ? "tgw-attach-a" : $"tgw-attach-peer-{end - 1}"));
        return sketch;
    }

    [Fact]
    public void APathOfOneHopIsAVpcPeering()
    {
        var graph = new NetworkSketch()
            .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16")
            .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.3.0.0/16", "pcx-1", "active")])
            .RouteTable(Globex, "rtb-b", "vpc-b", routes: [("10.1.0.0/16", "pcx-1", "active")])
            .VpcPeering(Acme, "pcx-1", "vpc-a", "vpc-b").Build();

        var path = Assert.Single(graph.PathsFrom("vpc-a"));
        Assert.Equal(["rtb-a", "pcx-1"], path.There.Select(h => h.Id));
        Assert.Equal(["rtb-b", "pcx-1"], path.Back.Select(h => h.Id));
    }

    [Theory]
    [InlineData(1, new[] { "rtb-a", "tgw-attach-a", "tgw-rtb-0-in", "tgw-attach-b" })]
    [InlineData(2, new[] { "rtb-a", "tgw-attach-a", "tgw-rtb-0-in", "tgw-attach-peer-0", "tgw-rtb-1-in", "tgw-attach-b" })]
    [InlineData(3, new[] { "rtb-a", "tgw-attach-a", "tgw-rtb-0-in", "tgw-attach-peer-0", "tgw-rtb-1-in", "tgw-attach-peer-1", "tgw-rtb-2-in", "tgw-attach-b" })]
    public void PathsOfTwoToFourHopsCrossOneToThreeTransitGatewaysAndNameEachHop(int gateways, string[] there)
    {
        var graph = Chain(gateways).Build();

        var path = Assert.Single(graph.PathsFrom("vpc-a"));
        Assert.Equal("vpc-b", path.To.VpcId);
        Assert.Equal(there, path.There.Select(h => h.Id));
        Assert.Equal(Regions[gateways - 1], path.There[^1].Region);
        Assert.Equal("vpc-a", Assert.Single(graph.PathsFrom("vpc-b")).To.VpcId);
    }

    [Fact]
    public void ABlackholeOnTheWayBackOnlyLeavesNoPath()
    {
        var open = Chain(2);
        var dropped = Chain(2).GatewayTable(Hub, "tgw-rtb-0-back", "tgw-0", Regions[0], ("10.1.0.0/16", "static", "blackhole", null));

        Assert.Single(open.Build().PathsFrom("vpc-a"));
        Assert.Empty(dropped.Build().PathsFrom("vpc-a"));
        Assert.Empty(dropped.Build().PathsFrom("vpc-b"));
    }

    [Fact]
    public void AWayBackThatDiffersFromTheWayThereIsStillAPath()
    {
        // There through the hub's shared route table; back through a VPC peering (Globex's table sends Acme's block to it).
        var graph = new NetworkSketch()
            .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16").Gateway(Hub, "tgw-hub")
            .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.0.0.0/8", "tgw-hub", "active")])
            .RouteTable(Globex, "rtb-b", "vpc-b", routes: [("10.1.0.0/16", "pcx-back", "active")])
            .VpcPeering(Acme, "pcx-back", "vpc-a", "vpc-b")
            .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-shared")
            .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, "tgw-rtb-shared")
            .GatewayTable(Hub, "tgw-rtb-shared", "tgw-hub", routes: [("10.3.0.0/16", "propagated", "active", "tgw-attach-b")])
            .Build();

        var path = Assert.Single(graph.PathsFrom("vpc-a"));
        Assert.Equal(["route-table", "tgw-attachment", "tgw-route-table", "tgw-attachment"], path.There.Select(h => h.Kind));
        Assert.Equal(["route-table rtb-b", "vpc-peering pcx-back"], path.Back.Select(h => $"{h.Kind} {h.Id}"));
    }

    [Fact]
    public void AMoreSpecificPropagatedRouteWinsOverALessSpecificStaticOne()
    {
        // Static 10.0.0.0/8 to the platform's attachment, propagated 10.3.0.0/16 to Globex's: the longer prefix decides before the route's type.
        var graph = new NetworkSketch()
            .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16").Vpc(Hub, "vpc-p", "10.9.0.0/16").Gateway(Hub, "tgw-hub")
            .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.0.0.0/8", "tgw-hub", "active")])
            .RouteTable(Globex, "rtb-b", "vpc-b", routes: [("10.0.0.0/8", "tgw-hub", "active")])
            .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-shared")
            .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, "tgw-rtb-shared")
            .Attachment(Hub, "tgw-attach-p", "tgw-hub", "vpc", "vpc-p", Hub, null)
            .GatewayTable(Hub, "tgw-rtb-shared", "tgw-hub", routes:
            [
                ("10.0.0.0/8", "static", "active", "tgw-attach-p"),
                ("10.3.0.0/16", "propagated", "active", "tgw-attach-b"),
                ("10.1.0.0/16", "propagated", "active", "tgw-attach-a"),
            ])
            .Build();

        var path = Assert.Single(graph.PathsFrom("vpc-a"));
        Assert.Equal("vpc-b", path.To.VpcId);
        Assert.Contains("10.3.0.0/16 propagated → tgw-attach-b", path.There[2].Detail);
    }
}
