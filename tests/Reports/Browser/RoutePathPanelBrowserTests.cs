using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Tests.Rules.Network;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>A route path's hops, there and back, in the resource panel of report.html as a real headless Chromium opens it.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RoutePathPanelBrowserTests(ChromiumFixture chromium)
{
    private const string Title = "AWS estate";
    private const string Arn = "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0aa11aa11aa11aa11";

    [Fact]
    public async Task OpeningAVpcsFindingShowsEveryHopThereAndBackInOrder()
    {
        var path = Assert.Single(NetworkSketch.SharedHubTable("vpc-0aa11aa11aa11aa11", "vpc-0bb33bb33bb33bb33")
            .Build().PathsFrom("vpc-0aa11aa11aa11aa11"));
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding("segregation-vpc-no-route-to-foreign-customer", arn: Arn, type: "AWS::EC2::VPC",
                message: "VPC vpc-0aa11aa11aa11aa11 has a route path to VPC vpc-0bb33bb33bb33bb33 of customer globex",
                evidence: Evidence.Value("path", path.Hops()).ToJson())
            .Build(), Title);
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, html);

        await tab.Page.Locator("#filter-text").FillAsync("vpc-0aa11aa11aa11aa11");
        await tab.Page.WaitForFunctionAsync("() => document.getElementById('match-count').textContent.startsWith('1 of')");
        await tab.Page.Locator("#findings-body button[data-row]").ClickAsync();

        // The panel opens from the click's handler and the hash it writes: wait for it rather than look at once.
        await tab.Page.WaitForSelectorAsync("#resource-panel[open]");
        Assert.True(await tab.Page.Locator("#resource-panel").IsVisibleAsync());
        Assert.Equal(Arn, await tab.TextAsync("#resource-title"));
        var shown = await tab.TextAsync("#resource-evidence");
        var hops = path.Hops().ToList();
        Assert.Equal(8, hops.Count);
        var at = hops.Select(hop => shown.IndexOf(hop, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(at.Order(), at);
        Assert.Contains("there: tgw-route-table tgw-rtb-shared (999999999999 eu-west-1): 10.3.0.0/16 propagated → tgw-attach-b", shown);
        Assert.Contains("back: tgw-attachment tgw-attach-a", shown);
        await tab.ScreenshotAsync("report-route-path-panel");
        await tab.AssertNothingRanAsync(Title);
    }
}
