using System.Text.Json;
using Ocado.Guardrails.Rules.Network;

namespace Ocado.Guardrails.Tests.Rules.Network;

public sealed class RouteGraphTests
{
    private const string Hub = "999999999999";
    private const string Acme = "111111111111";
    private const string Globex = "333333333333";

    /// <summary>Acme, Globex and the platform on one hub gateway; each VPC sends 10.0.0.0/8 to it.</summary>
    private static NetworkSketch Estate(string region = NetworkSketch.Region) => new NetworkSketch()
        .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16").Vpc(Hub, "vpc-p", "10.9.0.0/16")
        .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.1.0.0/16", "local", "active"), ("10.0.0.0/8", "tgw-hub", "active")])
        .RouteTable(Globex, "rtb-b", "vpc-b", routes: [("10.3.0.0/16", "local", "active"), ("10.0.0.0/8", "tgw-hub", "active")])
        .RouteTable(Hub, "rtb-p", "vpc-p", routes: [("10.9.0.0/16", "local", "active"), ("10.0.0.0/8", "tgw-hub", "active")])
        .Gateway(Hub, "tgw-hub");

    /// <summary>The compliant hub: a route table per customer that reaches only the platform, and the platform's that reaches both.</summary>
    private static NetworkSketch Segregated() => Estate()
        .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-a")
        .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, "tgw-rtb-b")
        .Attachment(Hub, "tgw-attach-p", "tgw-hub", "vpc", "vpc-p", Hub, "tgw-rtb-p")
        .GatewayTable(Hub, "tgw-rtb-a", "tgw-hub", routes: [("10.9.0.0/16", "propagated", "active", "tgw-attach-p")])
        .GatewayTable(Hub, "tgw-rtb-b", "tgw-hub", routes: [("10.9.0.0/16", "propagated", "active", "tgw-attach-p")])
        .GatewayTable(Hub, "tgw-rtb-p", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a"), ("10.3.0.0/16", "propagated", "active", "tgw-attach-b")]);

    /// <summary>Both customers associated with one route table that every attachment propagates into.</summary>
    private static NetworkSketch Shared(params (string To, string Type, string State, string? Attachment)[] extra) => Estate()
        .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-shared")
        .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, "tgw-rtb-shared")
        .GatewayTable(Hub, "tgw-rtb-shared", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a"), ("10.3.0.0/16", "propagated", "active", "tgw-attach-b"), .. extra]);

    private static IEnumerable<string> Reached(RouteGraph graph, string vpc) => graph.PathsFrom(vpc).Select(p => p.To.VpcId);

    [Fact]
    public void PerCustomerRouteTablesReachThePlatformAndNotEachOther()
    {
        var graph = Segregated().Build();

        Assert.Equal(["vpc-p"], Reached(graph, "vpc-a"));
        Assert.Equal(["vpc-p"], Reached(graph, "vpc-b"));
        Assert.Equal(["vpc-a", "vpc-b"], Reached(graph, "vpc-p"));
    }

    [Fact]
    public void ASharedRouteTablePutsOneCustomerFourHopsFromTheOtherAndNamesEveryHop()
    {
        var path = Assert.Single(Shared().Build().PathsFrom("vpc-a"));

        Assert.Equal("vpc-b", path.To.VpcId);
        Assert.Equal(["route-table rtb-a", "tgw-attachment tgw-attach-a", "tgw-route-table tgw-rtb-shared", "tgw-attachment tgw-attach-b"],
            path.There.Select(h => $"{h.Kind} {h.Id}"));
        Assert.Contains("10.3.0.0/16 propagated → tgw-attach-b", path.There[2].Detail);
        Assert.Equal(["route-table rtb-b", "tgw-attachment tgw-attach-b", "tgw-route-table tgw-rtb-shared", "tgw-attachment tgw-attach-a"],
            path.Back.Select(h => $"{h.Kind} {h.Id}"));
    }

    [Fact]
    public void AnActiveVpcPeeringIsAPathOfTwoHopsAndADeletedOneIsNone()
    {
        RouteGraph Peered(string status) => Estate()
            .RouteTable(Acme, "rtb-a2", "vpc-a", routes: [("10.3.0.0/16", "pcx-1", "active")])
            .RouteTable(Globex, "rtb-b2", "vpc-b", routes: [("10.1.0.0/16", "pcx-1", "active")])
            .VpcPeering(Acme, "pcx-1", "vpc-a", "vpc-b", status).Build();

        var path = Assert.Single(Peered("active").PathsFrom("vpc-a"));
        Assert.Equal(["route-table rtb-a2", "vpc-peering pcx-1"], path.There.Select(h => $"{h.Kind} {h.Id}"));
        Assert.Empty(Peered("deleted").PathsFrom("vpc-a"));
    }

    [Fact]
    public void AOneWayRouteIsNoPathFromEitherEnd()
    {
        // Globex's table sends nothing to the gateway: Acme's packets arrive and no answer comes back.
        var oneWay = Shared().RouteTable(Globex, "rtb-b", "vpc-b", routes: [("10.3.0.0/16", "local", "active")]).Build();

        Assert.NotEmpty(Shared().Build().PathsFrom("vpc-a"));
        Assert.Empty(oneWay.PathsFrom("vpc-a"));
        Assert.Empty(oneWay.PathsFrom("vpc-b"));
    }

    [Fact]
    public void AStaticBlackholeOfTheSamePrefixWinsOverThePropagatedRoute()
    {
        var graph = Shared(("10.3.0.0/16", "static", "blackhole", null)).Build();

        Assert.Empty(graph.PathsFrom("vpc-a"));
    }

    [Fact]
    public void AStaticRouteWinsOverAPropagatedOneAndSendsTheTrafficElsewhere()
    {
        var graph = Shared(("10.3.0.0/16", "static", "active", "tgw-attach-p"))
            .Attachment(Hub, "tgw-attach-p", "tgw-hub", "vpc", "vpc-p", Hub, "tgw-rtb-p")
            .GatewayTable(Hub, "tgw-rtb-p", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a")])
            .Build();

        Assert.DoesNotContain("vpc-b", Reached(graph, "vpc-a"));
        Assert.DoesNotContain("vpc-a", Reached(graph, "vpc-b"));
    }

    [Fact]
    public void TheLongestPrefixDecidesAndAMoreSpecificBlackholeLeavesTheRestOfTheBlockReachable()
    {
        // In Acme's VPC, 10.3.0.0/16 is a blackhole: more specific than the gateway's 10.0.0.0/8, so nothing of Globex is reached.
        var dropped = Shared().RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.0.0.0/8", "tgw-hub", "active"), ("10.3.0.0/16", "tgw-hub", "blackhole")]).Build();
        // In the gateway, only 10.3.7.0/24 is a blackhole: the rest of Globex's /16 still goes through.
        var partial = Shared(("10.3.7.0/24", "static", "blackhole", null)).Build();

        Assert.Empty(dropped.PathsFrom("vpc-a"));
        Assert.Equal(["vpc-b"], Reached(partial, "vpc-a"));
    }

    [Fact]
    public void ATransitGatewayPeeringCarriesAPathToAnotherRegion()
    {
        const string us = "us-east-1";
        var graph = new NetworkSketch()
            .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16", us)
            .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.0.0.0/8", "tgw-hub", "active")])
            .RouteTable(Globex, "rtb-b", "vpc-b", us, ("10.0.0.0/8", "tgw-us", "active"))
            .Gateway(Hub, "tgw-hub").Gateway(Hub, "tgw-us", us)
            .GatewayPeering(Hub, "tgw-attach-peer", "tgw-hub", NetworkSketch.Region, "tgw-us", us)
            .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-a")
            .Attachment(Hub, "tgw-attach-peer", "tgw-hub", "peering", "tgw-us", Hub, "tgw-rtb-peer-eu")
            .Attachment(Hub, "tgw-attach-peer", "tgw-us", "peering", "tgw-hub", Hub, "tgw-rtb-peer-us", us)
            .Attachment(Hub, "tgw-attach-b", "tgw-us", "vpc", "vpc-b", Globex, "tgw-rtb-b", us)
            .GatewayTable(Hub, "tgw-rtb-a", "tgw-hub", routes: [("10.3.0.0/16", "static", "active", "tgw-attach-peer")])
            .GatewayTable(Hub, "tgw-rtb-peer-eu", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a")])
            .GatewayTable(Hub, "tgw-rtb-peer-us", "tgw-us", us, ("10.3.0.0/16", "propagated", "active", "tgw-attach-b"))
            .GatewayTable(Hub, "tgw-rtb-b", "tgw-us", us, ("10.1.0.0/16", "static", "active", "tgw-attach-peer"))
            .Build();

        var path = Assert.Single(graph.PathsFrom("vpc-a"));
        Assert.Equal(["rtb-a", "tgw-attach-a", "tgw-rtb-a", "tgw-attach-peer", "tgw-rtb-peer-us", "tgw-attach-b"], path.There.Select(h => h.Id));
        Assert.Equal(us, path.There[^1].Region);
        Assert.Equal("vpc-a", Assert.Single(graph.PathsFrom("vpc-b")).To.VpcId);
    }

    [Theory]
    [InlineData("describe-vpcs", """{"Vpcs":[{"CidrBlock":"10.0.0.0/16"}]}""", "Vpcs[0]: VpcId is missing")]
    [InlineData("describe-vpcs", """{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.300/16"}]}""", "is not an IPv4 CIDR block")]
    [InlineData("describe-route-tables", """{"RouteTables":{}}""", "expected RouteTables as a list")]
    [InlineData("search-transit-gateway-routes/tgw-rtb-1", """{"Routes":[{"DestinationCidrBlock":"10.0.0.0/8","Type":7}]}""", "Type is not a string")]
    [InlineData("describe-everything", """{}""", "is not an output the network reads")]
    public void OutputOfAnotherShapeIsRefusedNamingWhere(string name, string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<FormatException>(() => NetworkOutputs.Read(new NetworkBuilder(), Acme, "eu-west-1", name, document.RootElement, "net/" + name + ".json"));

        Assert.Contains("net/" + name + ".json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AVpcOfAnAccountOutsideTheCollectionIsReachedThroughItsAttachmentAndTakenToRouteBack()
    {
        var graph = Shared(("10.4.0.0/16", "propagated", "active", "tgw-attach-x"))
            .Attachment(Hub, "tgw-attach-x", "tgw-hub", "vpc", "vpc-x", "444444444444", "tgw-rtb-shared")
            .Build();

        var path = Assert.Single(graph.PathsFrom("vpc-a"), p => p.To.VpcId == "vpc-x");
        Assert.False(path.To.Seen);
        Assert.Equal("444444444444", path.To.AccountId);
        Assert.Equal(["tgw-attachment tgw-attach-x", "tgw-route-table tgw-rtb-shared", "tgw-attachment tgw-attach-a"], path.Back.Select(h => $"{h.Kind} {h.Id}"));
    }
}
