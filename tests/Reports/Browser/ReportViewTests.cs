using System.Text.Json;
using Microsoft.Playwright;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>The view as something to share and take away: a link, a download, a print, a small screen.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportViewTests(ChromiumFixture chromium)
{
    private const string Title = "AWS estate";

    private static Task<string> EstateHtml() => ReportHtml.RenderAsync(BrowserScans.Estate(), Title);

    /// <summary>Verdict Fail: 190 of the 240 findings, two pages and more.</summary>
    private static async Task ShowFailuresSortedByRuleAsync(ReportTab tab)
    {
        await tab.Page.Locator("select[data-filter='verdict']").SelectOptionAsync(((int)Verdict.Fail).ToString());
        await tab.Page.Locator("th[data-sort='rule'] button").ClickAsync();
    }

    private static int FailCount => BrowserScans.Estate().Findings.Count(f => f.Verdict == Verdict.Fail);

    [Fact]
    public async Task ASharedLinkReopensTheSameFilteredSortedPageAndPanel()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await EstateHtml());
        await ShowFailuresSortedByRuleAsync(tab);
        await tab.Page.Locator("select[data-filter='customer']").SelectOptionAsync("0");
        await tab.Page.Locator("#filter-text").FillAsync("orders");
        await tab.Page.WaitForFunctionAsync("() => location.hash.includes('q=orders')");
        await tab.Page.Locator("[data-page='next']").ClickAsync();
        await tab.Page.Locator("#findings-body button[data-row]").First.ClickAsync();
        await tab.Page.WaitForSelectorAsync("#resource-panel[open]");
        var expected = (Count: await tab.TextAsync("#match-count"), Page: await tab.TextAsync("#page-info"),
            Rows: await tab.Page.Locator("#findings-body tr").AllInnerTextsAsync(), Panel: await tab.TextAsync("#resource-title"));

        var shared = await tab.OpenLinkAsync(tab.Page.Url);

        Assert.Contains("verdict=", tab.Page.Url);
        Assert.Equal(expected.Count, await shared.Locator("#match-count").InnerTextAsync());
        Assert.Equal(expected.Page, await shared.Locator("#page-info").InnerTextAsync());
        Assert.Equal(expected.Rows, await shared.Locator("#findings-body tr").AllInnerTextsAsync());
        Assert.Equal("orders", await shared.Locator("#filter-text").InputValueAsync());
        Assert.Equal("ascending", await shared.Locator("th[data-sort='rule']").GetAttributeAsync("aria-sort"));
        Assert.True(await shared.Locator("#resource-panel[open]").IsVisibleAsync());
        Assert.Equal(expected.Panel, await shared.Locator("#resource-title").InnerTextAsync());
        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task ClosingThePanelTakesItOutOfTheLink()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await EstateHtml());
        await tab.Page.Locator("#findings-body button[data-rule]").First.ClickAsync();
        await tab.Page.WaitForFunctionAsync("() => location.hash.includes('rule=')");

        await tab.Page.Keyboard.PressAsync("Escape");
        await tab.Page.WaitForFunctionAsync("() => !location.hash.includes('rule=')");

        Assert.Equal(0, await tab.Page.Locator("dialog[open]").CountAsync());
    }

    [Fact]
    public async Task TheCsvDownloadHoldsExactlyTheFilteredRowsInTheirOrder()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await EstateHtml());
        await ShowFailuresSortedByRuleAsync(tab);

        var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.Page.Locator("[data-download='csv']").ClickAsync());
        var rows = CsvText.Parse(await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken));

        Assert.Equal(CsvReportWriter.Header, rows[0]);
        var expected = BrowserScans.Estate().Findings.Where(f => f.Verdict == Verdict.Fail)
            .Select(f => (f.RuleId, f.ResourceArn, f.Message)).Order().ToList();
        Assert.Equal(FailCount, rows.Count - 1);
        Assert.Equal(expected, rows.Skip(1).Select(r => (r[0], r[11], r[12])).Order().ToList());
        Assert.All(rows.Skip(1), r => Assert.Equal("fail", r[4]));
        var rules = rows.Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(rules.Order(StringComparer.Ordinal), rules);
        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task TheJsonDownloadHoldsTheFilteredFindings()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await EstateHtml());
        await tab.Page.Locator("select[data-filter='severity']").SelectOptionAsync(((int)Severity.Critical).ToString());

        var download = await tab.Page.RunAndWaitForDownloadAsync(() => tab.Page.Locator("[data-download='json']").ClickAsync());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken));

        var expected = BrowserScans.Estate().Findings.Where(f => f.Severity == Severity.Critical).Select(f => f.ResourceArn).Order().ToList();
        Assert.Equal(expected, json.RootElement.EnumerateArray().Select(f => f.GetProperty("resourceArn").GetString()!).Order().ToList());
        Assert.All(json.RootElement.EnumerateArray(), f => Assert.Equal("critical", f.GetProperty("severity").GetString()));
    }

    [Fact]
    public async Task PrintingAFilteredViewPrintsEveryMatchingRowWithWholeMessages()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await EstateHtml());
        await ShowFailuresSortedByRuleAsync(tab);
        Assert.Equal(100, await tab.Page.Locator("#findings-body tr").CountAsync());

        await tab.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await tab.Page.WaitForFunctionAsync($"() => document.querySelectorAll('#findings-body tr').length === {FailCount}");

        var messages = await tab.Page.Locator("#findings-body td.message").AllInnerTextsAsync();
        var expected = BrowserScans.Estate().Findings.Where(f => f.Verdict == Verdict.Fail).Select(f => f.Message).Order().ToList();
        Assert.Equal(expected, messages.Order().ToList());
        Assert.Equal("normal", await tab.Page.Locator("#findings-body td.message").First.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));
        Assert.False(await tab.Page.Locator("#filters").IsVisibleAsync());
        var pdf = await tab.Page.PdfAsync(new PagePdfOptions { Landscape = true });
        Assert.True(pdf.Length > 10_000);

        await tab.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await tab.Page.WaitForFunctionAsync("() => document.querySelectorAll('#findings-body tr').length === 100");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task At1024PixelsThePageNeverScrollsSideways(bool panelOpen)
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(PostureScans.Estate(), Title), width: 1024);
        if (panelOpen)
        {
            await tab.Page.Locator("#findings-body button[data-row]").First.ClickAsync();
            await tab.Page.WaitForSelectorAsync("#resource-panel[open]");
        }

        var widths = await tab.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        // Named in the failure: the elements that reach past the window's right edge.
        var wide = await tab.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
              .filter(e => !e.closest('td.message, td.nowrap')).slice(0, 5).map(e => e.outerHTML.substring(0, 80) + ' ' + Math.round(e.getBoundingClientRect().right))
            """);
        var rowHeight = await tab.Page.Locator("#findings-body tr").First.EvaluateAsync<double>("e => e.getBoundingClientRect().height");

        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window: {string.Join(", ", wide)}");
        Assert.True(rowHeight < 80, $"a findings row is {rowHeight} px tall");
        await tab.ScreenshotAsync(panelOpen ? "report-1024-panel" : "report-1024");
    }

    [Fact]
    public async Task SpaceOnAFilterRowFiltersAsEnterDoes()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await EstateHtml());
        var row = tab.Page.Locator("tr.filterable[data-filter='severity'][data-value='4']");
        await row.FocusAsync();

        await tab.Page.Keyboard.PressAsync("Space");

        Assert.Equal("48 of 240 findings", await tab.TextAsync("#match-count"));
        Assert.Equal("4", await tab.Page.Locator("select[data-filter='severity']").InputValueAsync());
    }
}
