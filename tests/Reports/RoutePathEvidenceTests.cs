using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Tests.Rules.Network;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>A route path's hops, as the network rules give them, in the report's resource panel.</summary>
public sealed class RoutePathEvidenceTests
{
    [Fact]
    public async Task EveryHopThereAndBackReachesTheResourcePanelInOrder()
    {
        var path = Assert.Single(NetworkSketch.SharedHubTable("vpc-a", "vpc-b")
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
