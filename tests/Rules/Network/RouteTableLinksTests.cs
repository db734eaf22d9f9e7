namespace Ocado.Guardrails.Tests.Rules.Network;

/// <summary>
/// What a transit gateway route table's own lists (get-transit-gateway-route-table-associations, -propagations) and the
/// VPN connections change in the route graph: the lists are the truth where read, the attachments' Association the
/// fallback; a VPN attachment is its owner's way to the data centre, and back into the gateway by the VPN's own table.
/// </summary>
public sealed class RouteTableLinksTests
{
    private const string Hub = "999999999999";
    private const string Acme = "111111111111";
    private const string Globex = "333333333333";

    [Fact]
    public void WithoutTheTablesOwnListTheAttachmentsAssociationDecidesAndWithItTheListDoes()
    {
        var derived = NetworkSketch.SharedHubTable("vpc-a", "vpc-b");
        // The table lists only Acme's attachment: Globex's Association (as the attachments output printed it) is stale.
        var listed = NetworkSketch.SharedHubTable("vpc-a", "vpc-b").Associations(Hub, "tgw-rtb-shared", links: [("tgw-attach-a", "vpc", "vpc-a")]);

        Assert.Equal("vpc-b", Assert.Single(derived.Build().PathsFrom("vpc-a")).To.VpcId);
        var graph = listed.Build();
        Assert.True(graph.AssociationsListed("tgw-rtb-shared"));
        // Acme's traffic still reaches Globex's VPC, but nothing routes Globex's answer: no path either way.
        Assert.Empty(graph.PathsFrom("vpc-a"));
        Assert.Empty(graph.PathsFrom("vpc-b"));
    }

    [Fact]
    public void AnAssociationOnlyTheTablesListShowsMakesThePath()
    {
        // Globex's attachment as its own account lists it, without Association; the hub's table lists it as associated.
        var sketch = NetworkSketch.SharedHubTable("vpc-a", "vpc-b")
            .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, null);
        Assert.Empty(sketch.Build().PathsFrom("vpc-a"));

        sketch.Associations(Hub, "tgw-rtb-shared", links: [("tgw-attach-a", "vpc", "vpc-a"), ("tgw-attach-b", "vpc", "vpc-b")]);

        var path = Assert.Single(sketch.Build().PathsFrom("vpc-a"));
        Assert.Equal("vpc-b", path.To.VpcId);
        Assert.Contains(path.Back, h => h.Id == "tgw-rtb-shared");
    }

    [Fact]
    public void APropagationJoinsItsTableEvenWhereAnEqualBlockKeptTheOnlyRoute()
    {
        // Acme and Globex both number 10.1.0.0/16 and both propagate into the platform's table; the gateway kept Acme's route.
        var sketch = new NetworkSketch()
            .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.1.0.0/16").Vpc(Hub, "vpc-p", "10.9.0.0/16").Gateway(Hub, "tgw-hub")
            .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-customers")
            .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, "tgw-rtb-customers")
            .Attachment(Hub, "tgw-attach-p", "tgw-hub", "vpc", "vpc-p", Hub, "tgw-rtb-platform")
            .GatewayTable(Hub, "tgw-rtb-customers", "tgw-hub", routes: [("10.9.0.0/16", "propagated", "active", "tgw-attach-p")])
            .GatewayTable(Hub, "tgw-rtb-platform", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a")]);
        string[] Joined(NetworkSketch s) => [.. s.Build().RouteTablesOf("tgw-hub").Single(t => t.Key == "tgw-rtb-platform").Value.Select(v => v.VpcId)];

        Assert.Equal(["vpc-a", "vpc-p"], Joined(sketch));

        sketch.Propagations(Hub, "tgw-rtb-platform", links: [("tgw-attach-a", "vpc", "vpc-a"), ("tgw-attach-b", "vpc", "vpc-b")]);

        Assert.Equal(["vpc-a", "vpc-b", "vpc-p"], Joined(sketch));
        Assert.Equal(["tgw-attach-a", "tgw-attach-b"], sketch.Build().PropagationsInto("tgw-rtb-platform")!.Select(l => l.AttachmentId));
        Assert.Null(sketch.Build().PropagationsInto("tgw-rtb-customers"));
    }

    /// <summary>
    /// Acme's and Globex's tables each send the estate's range to the hub's VPN (the data centre advertises 10.0.0.0/8);
    /// the VPN's own table routes each customer's block to it (the data centre learns them over BGP).
    /// </summary>
    private static NetworkSketch ThroughTheDataCentre(bool vpnTableRoutesGlobex) => new NetworkSketch()
        .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16").Gateway(Hub, "tgw-hub")
        .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.0.0.0/8", "tgw-hub", "active")])
        .RouteTable(Globex, "rtb-b", "vpc-b", routes: [("10.0.0.0/8", "tgw-hub", "active")])
        .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-acme")
        .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, "tgw-rtb-globex")
        .Attachment(Hub, "tgw-attach-vpn", "tgw-hub", "vpn", "vpn-dc1", Hub, "tgw-rtb-vpn")
        .VpnConnection(Hub, "vpn-dc1", "tgw-hub")
        .GatewayTable(Hub, "tgw-rtb-acme", "tgw-hub", routes: [("10.0.0.0/8", "propagated", "active", "tgw-attach-vpn")])
        .GatewayTable(Hub, "tgw-rtb-globex", "tgw-hub", routes: [("10.0.0.0/8", "propagated", "active", "tgw-attach-vpn")])
        .GatewayTable(Hub, "tgw-rtb-vpn", "tgw-hub", routes:
            vpnTableRoutesGlobex
                ? [("10.1.0.0/16", "propagated", "active", "tgw-attach-a"), ("10.3.0.0/16", "propagated", "active", "tgw-attach-b")]
                : [("10.1.0.0/16", "propagated", "active", "tgw-attach-a")]);

    [Fact]
    public void AVpnWhoseTableRoutesToBothCustomersJoinsThemThroughTheDataCentreAndNamesTheVpnsOwner()
    {
        var graph = ThroughTheDataCentre(vpnTableRoutesGlobex: true).Build();

        var path = Assert.Single(graph.PathsFrom("vpc-a"));
        Assert.Equal("vpc-b", path.To.VpcId);
        Assert.Equal(["rtb-a", "tgw-attach-a", "tgw-rtb-acme", "tgw-attach-vpn", "vpn-dc1", "tgw-rtb-vpn", "tgw-attach-b"], path.There.Select(h => h.Id));
        var vpn = path.There.Single(h => h.Kind == "vpn");
        Assert.Equal(Hub, vpn.AccountId);
        Assert.Contains($"the data centre behind VPN vpn-dc1 of {Hub}, customer gateway cgw-01234567abcde1234, BGP", vpn.Detail, StringComparison.Ordinal);
        Assert.Contains("tgw-rtb-vpn", vpn.Detail, StringComparison.Ordinal);
        Assert.Contains(path.Back, h => h.Kind == "vpn");
    }

    [Fact]
    public void AVpnWhoseTableRoutesToOneCustomerOnlyJoinsNoOne()
    {
        var graph = ThroughTheDataCentre(vpnTableRoutesGlobex: false).Build();

        Assert.Empty(graph.PathsFrom("vpc-a"));
        Assert.Empty(graph.PathsFrom("vpc-b"));
    }
}
