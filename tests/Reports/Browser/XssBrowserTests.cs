
namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>
/// Fifteen hostile payloads in tag keys and values, resource names and ARNs, policy documents, rule
/// messages and rule headers: in a real Chromium none runs (no dialog, no changed title, no request,
/// no CSP violation) and each is shown as the text it is.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class XssBrowserTests(ChromiumFixture chromium)
{
    private static readonly string Title = "Acme report " + XssPayloads.All[1];

    private async Task<ReportTab> OpenAsync()
    {
        var browser = chromium.Browser;
        return await ReportTab.OpenAsync(browser, await ReportHtml.RenderAsync(XssPayloads.Scan(), Title));
    }

    [Fact]
    public async Task NoPayloadRunsWhenThePageOpensItsPanelsSortsAndSearches()
    {
        await using var tab = await OpenAsync();
        var page = tab.Page;

        var rows = await page.Locator("#findings-body button[data-row]").CountAsync();
        Assert.Equal(XssPayloads.All.Length, rows);
        for (var i = 0; i < rows; i++)
        {
            await page.Locator("#findings-body button[data-row]").Nth(i).ClickAsync();
            await page.Locator("#resource-panel button[data-close]").ClickAsync();
        }
        await page.Locator("#findings-body button[data-rule]").First.ClickAsync();
        await page.Locator("dialog.panel[open] button[data-close]").ClickAsync();
        foreach (var column in new[] { "rule", "arn", "message", "customer", "status" })
        {
            await page.Locator($"th[data-sort='{column}'] button").ClickAsync();
        }
        foreach (var payload in XssPayloads.All)
        {
            await page.Locator("#filter-text").FillAsync(payload);
            await page.WaitForTimeoutAsync(200);
        }
        await page.Locator("#filters button[type='reset']").ClickAsync();

        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task EveryPayloadIsShownAsTextInTheTableAndTheResourcePanel()
    {
        await using var tab = await OpenAsync();
        var page = tab.Page;

        var table = await page.EvaluateAsync<string>("() => document.getElementById('findings-body').textContent");
        for (var i = 0; i < XssPayloads.All.Length; i++)
        {
            var payload = XssPayloads.All[i];
            Assert.Contains($"arn:aws:s3:::bucket-{i}-{payload}", table);
            Assert.Contains($"bucket-{i}-{payload} grants {payload} access", table);

            await page.Locator("#filter-text").FillAsync($"bucket-{i}-");
            // The table filters after a pause in typing: wait for this resource's row, not the last one's.
            await page.WaitForFunctionAsync(
                "prefix => { const rows = document.querySelectorAll('#findings-body button[data-row]'); return rows.length === 1 && rows[0].textContent.startsWith(prefix); }",
                $"arn:aws:s3:::bucket-{i}-");
            await page.Locator("#findings-body button[data-row]").ClickAsync();
            var tags = await page.EvaluateAsync<string>("() => document.getElementById('resource-tags').textContent");
            Assert.Contains(payload + "key-" + i, tags);
            Assert.Contains("value-" + i + payload, tags);
            var statement = await page.EvaluateAsync<string>("() => document.getElementById('resource-evidence').textContent");
            Assert.Contains("\"AWS\": \"" + System.Text.Json.JsonEncodedText.Encode(payload, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"", statement);
            await page.Locator("#resource-panel button[data-close]").ClickAsync();
        }
        await tab.ScreenshotAsync("xss-payloads-as-text");
        await tab.AssertNothingRanAsync(Title);
    }

    [Fact]
    public async Task NoPayloadBecameAnElement()
    {
        await using var tab = await OpenAsync();
        await tab.Page.Locator("#findings-body button[data-rule]").First.ClickAsync();

        var counts = await tab.Page.EvaluateAsync<int[]>("""
            () => ['img', 'iframe', 'svg:not(.bar-chart):not(.trend-chart)', 'math', 'base', 'meta[http-equiv="refresh"]', 'a[href^="javascript"]', 'script', 'style', '[onerror],[onload],[onfocus]']
              .map(selector => document.querySelectorAll(selector).length)
            """);

        // The report's own charts are SVG (the posture charts, as classes of ours): any other svg is a payload's.
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 2, 1, 0], counts);
        Assert.Equal(3, await tab.Page.Locator("svg.bar-chart").CountAsync());
        var rulePanel = await tab.Page.Locator("dialog.panel[open]").TextContentAsync();
        Assert.Contains("Bucket policies grant no other customer access " + XssPayloads.All[1], rulePanel);
        Assert.Contains("Remove the statement. " + XssPayloads.All[0], rulePanel);
        Assert.Contains(XssPayloads.All[5], rulePanel);
        Assert.Equal(Title, await tab.Page.TitleAsync());
        await tab.AssertNothingRanAsync(Title);
    }

    /// <summary>The watch itself: markup slipped into the page is caught, by the CSP or, without it, by its dialog and request.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MarkupSlippedIntoThePageIsCaughtByTheWatch(bool keepThePolicy)
    {
        var browser = chromium.Browser;
        var html = await ReportHtml.RenderAsync(XssPayloads.Scan(), Title);
        if (!keepThePolicy)
        {
            html = System.Text.RegularExpressions.Regex.Replace(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "");
        }
        html = html.Replace("<body>", "<body><img src=\"https://attacker.example/x.png\" onerror=\"alert(1)\">", StringComparison.Ordinal);
        await using var tab = await ReportTab.OpenAsync(browser, html);

        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => tab.AssertNothingRanAsync(Title));
        Assert.Contains(tab.Requests, r => r.Contains("attacker.example", StringComparison.Ordinal));
        if (keepThePolicy)
        {
            Assert.NotEmpty(await tab.ViolationsAsync());
        }
        else
        {
            Assert.Contains("alert: 1", tab.Dialogs);
        }
    }
}
