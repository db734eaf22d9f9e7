using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Ocado.Guardrails.Reports;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>axe-core finds no WCAG 2.1 A or AA violation in the estate report or a customer's, light or dark.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportAccessibilityTests(ChromiumFixture chromium)
{
    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} elements) — {string.Join(" | ", v.Nodes.Take(4).Select(n => n.Html + " " + string.Join(";", n.Any.Select(c => c.Message))))}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task TheEstateReportHasNoAccessibilityViolations(ColorScheme scheme)
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await Reports.ReportHtml.RenderAsync(PostureScans.Estate(), "AWS estate"));
        await tab.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });

        await AssertNoViolationsAsync(tab.Page);
    }

    [Fact]
    public async Task ACustomerReportHasNoAccessibilityViolations()
    {
        var scan = CustomerScope.For(PostureScans.Estate(), "acme");
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await Reports.ReportHtml.RenderAsync(scan, "Acme Foods"));

        await AssertNoViolationsAsync(tab.Page);
    }

    [Fact]
    public async Task AnOpenResourcePanelHasNoAccessibilityViolations()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await Reports.ReportHtml.RenderAsync(PostureScans.Estate(), "AWS estate"));
        await tab.Page.Locator("#findings-body button[data-row]").First.ClickAsync();
        await tab.Page.WaitForSelectorAsync("#resource-panel[open]");

        await AssertNoViolationsAsync(tab.Page);
    }
}
