using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>
/// The views added for issue 17 with the fifteen payloads in them: waiver owners and reasons, a
/// customer's name in the posture table and charts, a hostile URL fragment, a download. None runs.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class XssViewsBrowserTests(ChromiumFixture chromium)
{
    private const string Title = "Views report";

    private static ScanResult Scan()
    {
        var scan = XssPayloads.Scan();
        var waived = scan.Findings.Select((f, i) => i % 2 == 0 ? f : f with
        {
            Verdict = Verdict.Suppressed,
            Message = f.Message + $" [suppressed by a waiver until 2025-06-10 (owner {XssPayloads.All[i]}): {XssPayloads.All[(i + 1) % XssPayloads.All.Length]}]",
        }).ToList();
        var stale = new Waiver { Rule = XssPayloads.RuleId, Resource = XssPayloads.All[2], Reason = XssPayloads.All[4], Owner = XssPayloads.All[7], Expires = new DateOnly(2026, 1, 1) };
        IReadOnlyList<ScanTrendPoint> trend = [new(XssPayloads.All[5], new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero), 1, 2, 0, 0), new(XssPayloads.All[6], new DateTimeOffset(2025, 6, 2, 2, 0, 0, TimeSpan.Zero), 2, 2, 1, 0)];
        // The trend by customer: an estate customer's name, and an id no longer in the estate shown as it is.
        var customerTrends = new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal)
        {
            ["acme"] = trend,
            [XssPayloads.All[3]] = trend,
        };
        return scan with { Findings = waived, CustomerTrends = customerTrends, Waivers = new WaiverReport([new WaiverNotice(stale, "stale")], [new WaiverNotice(stale with { Expires = new DateOnly(2025, 1, 1) }, "expired")]) };
    }

    [Fact]
    public async Task PayloadsInWaiversPostureAndTheFragmentShowAsTextAndNeverRun()
    {
        await using var tab = await ReportTab.OpenAsync(chromium.Browser, await ReportHtml.RenderAsync(Scan(), Title));
        var page = tab.Page;

        var waivers = await page.Locator("#waivers").InnerTextAsync();
        var posture = await page.Locator("#posture").InnerTextAsync();
        foreach (var sortButton in await page.Locator("table.sortable [data-sort-col]").AllAsync())
        {
            await sortButton.ClickAsync();
        }
        await page.Locator("[data-download='csv']").ClickAsync();
        // A fragment is the one input a link's sender controls: values that are no option or index are dropped.
        await page.EvaluateAsync("payload => { location.hash = 'customer=' + encodeURIComponent(payload) + '&rule=' + encodeURIComponent(payload) + '&q=' + encodeURIComponent(payload) + '&t-table-customers=' + encodeURIComponent(payload); }", XssPayloads.All[0]);
        await page.WaitForFunctionAsync("() => document.getElementById('filter-text').value.length > 0");

        Assert.Contains(XssPayloads.All[7], waivers);
        Assert.Contains(XssPayloads.All[4], waivers);
        Assert.Contains(XssPayloads.All[1], waivers);
        Assert.Contains(XssPayloads.All[2], waivers);
        Assert.Contains("Acme " + XssPayloads.All[0], posture);
        Assert.Contains(XssPayloads.All[3], posture);
        Assert.Equal(0, await page.Locator("dialog[open]").CountAsync());
        Assert.Equal("", await page.Locator("select[data-filter='customer']").InputValueAsync());
        Assert.Equal(0, await page.Locator("img, iframe, math, base, a[href^='javascript'], [onerror], [onload], [onfocus]").CountAsync());
        await tab.AssertNothingRanAsync(Title);
    }
}
