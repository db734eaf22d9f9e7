using Ocado.Guardrails.Tests.Rules.Graph;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>A chain of principals, hop by hop with the statement that grants each, in the resource panel of report.html as a real headless Chromium opens it.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class PrincipalChainPanelBrowserTests(ChromiumFixture chromium)
{
    private const string Title = "AWS estate";
    private const string Arn = "arn:aws:iam::111111111111:user/builder";

    [Fact]
    public async Task OpeningAPrincipalsFindingShowsEveryHopOfItsChainInOrderWithItsGrantingStatement()
    {
        var graph = PrincipalGraphBuilder.FromResources(PrincipalGraphTests.HandMade(), RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow);
        var chain = graph.ChainToAdmin(Arn);
        Assert.NotNull(chain);
        Assert.Equal(3, chain.Hops.Count);
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding("iam-principal-no-transitive-escalation", arn: Arn, type: "AWS::IAM::User",
                message: $"user/builder reaches administrator access in {chain.Hops.Count} hops: {chain.Describe()}",
                evidence: chain.Evidence().ToJson())
            .Build(), Title);
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, html);

        await tab.Page.Locator("#filter-text").FillAsync("user/builder");
        await tab.Page.WaitForFunctionAsync("() => document.getElementById('match-count').textContent.startsWith('1 of')");
        await tab.Page.Locator("#findings-body button[data-row]").ClickAsync();

        // The panel opens from the click's handler and the hash it writes: wait for it rather than look at once.
        await tab.Page.WaitForSelectorAsync("#resource-panel[open]");
        Assert.True(await tab.Page.Locator("#resource-panel").IsVisibleAsync());
        Assert.Equal(Arn, await tab.TextAsync("#resource-title"));
        var shown = await tab.TextAsync("#resource-evidence");
        var hops = chain.Hops.Select(h => h.Describe()).ToList();
        var at = hops.Select(hop => shown.IndexOf(hop, StringComparison.Ordinal)).ToList();
        Assert.True(!at.Contains(-1), $"a hop is missing from the panel: {shown}");
        Assert.Equal(at.Order(), at);
        // Each hop's granting statement is there as evidence too, by its label.
        Assert.All(chain.Hops, h => Assert.Contains(h.Grant.Label, shown, StringComparison.Ordinal));
        await tab.ScreenshotAsync("report-principal-chain-panel");
        await tab.AssertNothingRanAsync(Title);
    }
}
