using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Tests.Rules.Network;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>A route path's hops, as the network rules give them, in the report's resource panel.</summary>
public sealed class RoutePathEvidenceTests
{
    [Fact]
    public async Task EveryHopThereAndBackReachesTheResourcePanelInOrder()
    {
        var path = Assert.Single(new NetworkSketch()
            .Vpc("111111111111", "vpc-a", "10.1.0.0/16").Vpc("333333333333", "vpc-b", "10.3.0.0/16").Gateway("999999999999", "tgw-hub")
            .RouteTable("111111111111", "rtb-a", "vpc-a", routes: [("10.0.0.0/8", "tgw-hub", "active")])
            .RouteTable("333333333333", "rtb-b", "vpc-b", routes: [("10.0.0.0/8", "tgw-hub", "active")])
            .Attachment("999999999999", "tgw-attach-a", "tgw-hub", "vpc", "vpc-a", "111111111111", "tgw-rtb-shared")
            .Attachment("999999999999", "tgw-attach-b", "tgw-hub", "vpc", "vpc-b", "333333333333", "tgw-rtb-shared")
            .GatewayTable("999999999999", "tgw-rtb-shared", "tgw-hub", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-a"), ("10.3.0.0/16", "propagated", "active", "tgw-attach-b")])
            .Build().PathsFrom("vpc-a"));
        var evidence = Evidence.Value("path", path.Hops()).ToJson();

        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding("segregation-vpc-no-route-to-foreign-customer", arn: "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-a", type: "AWS::EC2::VPC",
                message: "VPC vpc-a has a route path to VPC vpc-b of customer globex", evidence: evidence)
            .Build());

        var shown = ReportHtml.Data(html).Evidence(0)!;
        var hops = path.Hops().ToList();
        Assert.Equal(8, hops.Count);
        var at = hops.Select(hop => shown.IndexOf(hop, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);
        Assert.Contains("there: tgw-route-table tgw-rtb-shared (999999999999 eu-west-1): 10.3.0.0/16 propagated → tgw-attach-b", shown);
    }
}
