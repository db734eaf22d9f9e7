
namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>report.html in a real headless Chromium: it opens, filters, and opens its panels.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportBrowserTests(ChromiumFixture chromium)
{
    private const string Title = "AWS estate";

    private static async Task<int> RowCountAsync(ReportTab tab) => await tab.Page.Locator("#findings-body tr").CountAsync();

    [Fact]
    public async Task TheReportOpensWithTheOverviewTrendAndTheFirstPageOfFindings()
    {
        var browser = chromium.Browser;
        await using var tab = await ReportTab.OpenAsync(browser, await ReportHtml.RenderAsync(BrowserScans.Estate(), Title));

        Assert.Equal("240 of 240 findings", await tab.TextAsync("#match-count"));
        Assert.Equal(100, await RowCountAsync(tab));
        Assert.Equal(3, await tab.Page.Locator("svg.trend-chart polyline").CountAsync());
        Assert.True(await tab.Page.Locator("svg.trend-chart").IsVisibleAsync());
        Assert.Contains("Coverage gaps: 1", await tab.TextAsync("#coverage"));
        await tab.ScreenshotAsync("report-overview", fullPage: false);
        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task ASeverityFilterNarrowsTheTableToThatSeverity()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(BrowserScans.Estate(), Title));

        await tab.Page.Locator("select[data-filter='severity']").SelectOptionAsync("4");

        Assert.Equal("48 of 240 findings", await tab.TextAsync("#match-count"));
        Assert.Equal(48, await RowCountAsync(tab));
        var badges = await tab.Page.Locator("#findings-body tr td:first-child .badge").AllInnerTextsAsync();
        Assert.All(badges, b => Assert.Equal("Critical", b));
        await tab.Page.Locator("#findings").ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync("report-filtered-critical");
        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task TheStatusFilterAndFreeTextNarrowTheTableTogether()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(BrowserScans.Estate(), Title));

        await tab.Page.Locator("select[data-filter='status']").SelectOptionAsync("0");
        var newOnes = await tab.TextAsync("#match-count");
        await tab.Page.Locator("#filter-text").FillAsync("orders-004-");
        await tab.Page.WaitForFunctionAsync("() => document.getElementById('match-count').textContent.startsWith('1 of')");

        Assert.StartsWith("55 of 240", newOnes);
        Assert.Equal(1, await RowCountAsync(tab));
        Assert.Contains("New", await tab.TextAsync("#findings-body tr"));
        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task ClickingARuleOpensItsPanelWithWhyItMattersAndHowToFixIt()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(BrowserScans.Estate(), Title));

        await tab.Page.Locator("#findings-body button[data-rule]").First.ClickAsync();

        var panel = tab.Page.Locator("dialog.panel[open]");
        Assert.Equal(1, await panel.CountAsync());
        var text = await panel.InnerTextAsync();
        Assert.Contains("IAM policies grant no admin wildcard", text);
        Assert.Contains("A policy that allows every action on every resource makes its holder an administrator.", text);
        Assert.Contains("Replace \"Action\": \"*\" with the actions the role needs.", text);
        await tab.ScreenshotAsync("report-rule-panel");

        await panel.Locator("button[data-show-rule]").ClickAsync();
        Assert.Equal("48 of 240 findings", await tab.TextAsync("#match-count"));
        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task AResourcePanelShowsTheResourcesTagsAndThePolicyStatementAtFault()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(BrowserScans.Estate(), Title));

        await tab.Page.Locator("#filter-text").FillAsync("orders-001-exports");
        await tab.Page.WaitForFunctionAsync("() => document.getElementById('match-count').textContent.startsWith('1 of')");
        await tab.Page.Locator("#findings-body button[data-row]").ClickAsync();

        // The panel opens from the click's handler and the hash it writes: wait for it rather than look at once.
        await tab.Page.WaitForSelectorAsync("#resource-panel[open]");
        var panel = tab.Page.Locator("#resource-panel");
        Assert.True(await panel.IsVisibleAsync());
        Assert.Equal("arn:aws:s3:::orders-001-exports", await tab.TextAsync("#resource-title"));
        var tags = await tab.TextAsync("#resource-tags");
        Assert.Contains("Name\torders-001-exports", tags);
        Assert.Contains("owner\tpayments@example.com", tags);
        var statement = await tab.TextAsync("#resource-evidence pre");
        Assert.Contains("\"Effect\": \"Allow\"", statement);
        Assert.Contains("\"AWS\": \"arn:aws:iam::444455556666:root\"", statement);
        Assert.Contains("\"Resource\": \"arn:aws:s3:::orders-001-exports/*\"", statement);
        await tab.ScreenshotAsync("report-resource-panel");
        await tab.AssertNothingRanAsync(Title);
    }
}
