using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;

namespace Ocado.Guardrails.Tests.Rules.Network;

/// <summary>
/// When finding no path proves there is none: only when every account and region a VPC's route paths could cross was
/// read, and everything its routes lead to was listed (<see cref="NetworkView.UnknownOnPaths"/>).
/// </summary>
public sealed class PathScopeTests
{
    private const string Hub = "999999999999";
    private const string Acme = "111111111111";
    private const string Globex = "333333333333";
    private const string Elsewhere = "555555555555";

    /// <summary>A route table per customer on the hub (each reaches the platform only), and an Acme VPC with no route off it.</summary>
    private static NetworkSketch Segregated() => new NetworkSketch()
        .Vpc(Acme, "vpc-a", "10.1.0.0/16").Vpc(Globex, "vpc-b", "10.3.0.0/16").Vpc(Hub, "vpc-p", "10.9.0.0/16").Vpc(Acme, "vpc-lone", "10.2.0.0/16")
        .RouteTable(Acme, "rtb-a", "vpc-a", routes: [("10.1.0.0/16", "local", "active"), ("10.0.0.0/8", "tgw-hub", "active")])
        .RouteTable(Globex, "rtb-b", "vpc-b", routes: [("10.3.0.0/16", "local", "active"), ("10.0.0.0/8", "tgw-hub", "active")])
        .RouteTable(Hub, "rtb-p", "vpc-p", routes: [("10.9.0.0/16", "local", "active"), ("10.0.0.0/8", "tgw-hub", "active")])
        .RouteTable(Acme, "rtb-lone", "vpc-lone", routes: [("10.2.0.0/16", "local", "active")])
        .Gateway(Hub, "tgw-hub")
        .Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-a")
        .Attachment(Hub, "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", Globex, "tgw-rtb-b")
        .Attachment(Hub, "tgw-attach-p", "tgw-hub", "vpc", "vpc-p", Hub, "tgw-rtb-p")
        .GatewayTable(Hub, "tgw-rtb-a", "tgw-hub", routes: [("10.9.0.0/16", "propagated", "active", "tgw-attach-p")])
        .GatewayTable(Hub, "tgw-rtb-b", "tgw-hub", routes: [("10.9.0.0/16", "propagated", "active", "tgw-attach-p")])
        .GatewayTable(Hub, "tgw-rtb-p", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a"), ("10.3.0.0/16", "propagated", "active", "tgw-attach-b")]);

    private static NetworkView View(NetworkSketch sketch, params CoverageGap[] gaps) => new(sketch.Build(), gaps);

    private static CoverageGap Gap(string account, string? region = null) =>
        new(account, region, CoverageGap.Sources.Network, $"{account}/network: no network folder");

    [Fact]
    public void AGapInAnAccountNoRoutePathCrossesLeavesEveryVpcJudged()
    {
        var view = View(Segregated(), Gap(Elsewhere));

        Assert.Null(view.UnknownOnPaths("vpc-a"));
        Assert.Null(view.UnknownOnPaths("vpc-p"));
        Assert.NotNull(view.Unknown([Elsewhere]));
    }

    [Fact]
    public void AGapInAnAccountReachedOnTheWayBackIsNamedAndAVpcWithNoRouteOffItIsStillJudged()
    {
        // Acme reaches the platform only; the platform's route table reaches Globex: a way back could start there.
        var view = View(Segregated(), Gap(Globex));

        Assert.Contains($"account {Globex}", view.UnknownOnPaths("vpc-a"));
        Assert.Null(view.UnknownOnPaths("vpc-lone"));
    }

    [Fact]
    public void AGapInAnotherRegionOfAnAccountOnThePathDoesNotCount()
    {
        Assert.Null(View(Segregated(), Gap(Globex, "us-east-1")).UnknownOnPaths("vpc-a"));
        Assert.Contains("in eu-west-1", View(Segregated(), Gap(Globex, NetworkSketch.Region)).UnknownOnPaths("vpc-a"));
    }

    [Fact]
    public void ATransitGatewayRouteTableThatWasNotReadIsNamed()
    {
        var sketch = Segregated().Attachment(Hub, "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", Acme, "tgw-rtb-unread");

        Assert.Contains("tgw-rtb-unread", View(sketch).UnknownOnPaths("vpc-a"));
    }

    [Fact]
    public void AVpcPeeringThatNoOutputListsIsNamed()
    {
        var sketch = Segregated().RouteTable(Acme, "rtb-lone", "vpc-lone", routes: [("10.2.0.0/16", "local", "active"), ("10.3.0.0/16", "pcx-unlisted", "active")]);

        Assert.Contains("pcx-unlisted", View(sketch).UnknownOnPaths("vpc-lone"));
        Assert.Null(View(sketch.VpcPeering(Acme, "pcx-unlisted", "vpc-lone", "vpc-b", "deleted")).UnknownOnPaths("vpc-lone"));
    }

    [Fact]
    public void ATransitGatewayPeeringWhoseFarEndWasNotReadIsNamed()
    {
        var sketch = Segregated()
            .GatewayPeering(Hub, "tgw-attach-peer", "tgw-hub", NetworkSketch.Region, "tgw-us", "us-east-1")
            .Attachment(Hub, "tgw-attach-peer", "tgw-hub", "peering", "tgw-us", Hub, "tgw-rtb-p")
            .GatewayTable(Hub, "tgw-rtb-a", "tgw-hub", routes: [("10.9.0.0/16", "propagated", "active", "tgw-attach-p"), ("10.50.0.0/16", "static", "active", "tgw-attach-peer")]);

        Assert.Contains("tgw-attach-peer", View(sketch).UnknownOnPaths("vpc-a"));
    }
}
