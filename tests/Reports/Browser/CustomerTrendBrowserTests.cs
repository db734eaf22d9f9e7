namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>Pass rates without passes kept, and the trend by customer, as Chromium shows them.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class CustomerTrendBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ALineOfTheTrendByCustomerFiltersTheFindingsToThatCustomer()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(PassRateTests.Counted(), "AWS estate"));
        var globex = tab.Page.Locator("#table-customer-trends tr.filterable", new() { HasText = "Globex Corporation" });

        await globex.ClickAsync();

        Assert.Equal("1 of 3 findings", await tab.TextAsync("#match-count"));
        Assert.Equal(
            "Globex Corporation: failing findings over the last 2 scans, oldest first: 3, 4",
            await globex.Locator("svg.sparkline").GetAttributeAsync("aria-label"));
        Assert.Empty(await tab.ViolationsAsync());
    }

    [Fact]
    public async Task ACustomersReportShowsItsPassRateAndItsOwnTrendOnly()
    {
        var acme = Ocado.Guardrails.Reports.CustomerScope.For(PassRateTests.Counted(), "acme");
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(acme, "Acme Foods"));

        Assert.Equal(1, await tab.Page.Locator("#table-customer-trends tbody tr").CountAsync());
        Assert.Contains("66%", await tab.TextAsync("#table-customers"));
        Assert.True(await tab.Page.Locator("#trend svg.trend-chart").IsVisibleAsync());
        Assert.DoesNotContain("Globex", await tab.Page.ContentAsync());
    }
}
