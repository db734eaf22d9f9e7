using System.Net;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Ocado.Guardrails.Scanner.Web;
using Ocado.Guardrails.Tests.Reports.Browser;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// The report browser at /: the latest estate report and each customer's, the history of scans with their counts,
/// each filtered to what the signed-in user may see; in Chromium, no accessibility violation and no script.
/// </summary>
[Collection(HangfireStatics.Name)]
public sealed class ReportIndexTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string AcmeToken = "acme-index-token-0123456789";
    private const string OldEstate = "20261203T020000Z-estate";
    private const string NewEstate = "20261204T020000Z-estate";
    private const string AcmeScan = "20261204T030000Z-acme";
    private const string GlobexScan = "20261204T040000Z-globex";

    private static async Task<ServeHost> StartAsync()
    {
        var host = await ServeHost.StartAsync($"""
            dashboard:
              users:
                - name: acme-auditor
                  customers: [acme]
                  bearerTokenVariable: {DashboardUsers.Variable(AcmeToken)}
            """);
        var night = new DateTimeOffset(2026, 12, 3, 2, 10, 0, TimeSpan.Zero);
        await host.RecordScanAsync(OldEstate, "*", night);
        await host.RecordScanAsync(NewEstate, "*", night.AddDays(1));
        await host.RecordScanAsync(AcmeScan, "acme", night.AddDays(1).AddHours(1));
        await host.RecordScanAsync(GlobexScan, "globex", night.AddDays(1).AddHours(2));
        foreach (var scan in new[] { OldEstate, NewEstate })
        {
            host.WriteReport(scan, "report.html", "estate report");
            host.WriteReport(scan, "customers/acme/report.html", "acme report");
            host.WriteReport(scan, "customers/globex/report.html", "globex report");
        }
        host.WriteReport(AcmeScan, "customers/acme/report.html", "acme report");
        host.WriteReport(GlobexScan, "customers/globex/report.html", "globex report");
        return host;
    }

    private static async Task<string> IndexAsync(ServeHost host, string? authorization = null, string from = "127.0.0.1")
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/", from, authorization);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ReportIndex.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AnOperatorSeesTheLatestEstateReportEachCustomersLatestAndEveryScanNewestFirst()
    {
        await using var host = await StartAsync();

        var index = await IndexAsync(host);

        var latest = index[index.IndexOf("<h2>Latest</h2>", StringComparison.Ordinal)..index.IndexOf("<h2>History</h2>", StringComparison.Ordinal)];
        Assert.Contains($"<a href=\"reports/{NewEstate}/report.html\">Whole estate</a>", latest);
        Assert.Contains($"<a href=\"reports/{AcmeScan}/customers/acme/report.html\">Acme Foods</a>", latest);
        Assert.Contains($"<a href=\"reports/{GlobexScan}/customers/globex/report.html\">Globex Retail</a>", latest);
        Assert.DoesNotContain(OldEstate, latest);
        var history = index[index.IndexOf("<h2>History</h2>", StringComparison.Ordinal)..];
        var order = new[] { GlobexScan, AcmeScan, NewEstate, OldEstate }.Select(s => history.IndexOf($"reports/{s}/", StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.Order(), order);
        Assert.Contains("<td>2026-12-03 02:10</td><td>Whole estate</td><td class=\"n\">0</td>", history);
    }

    [Fact]
    public async Task AUserOfAcmeSeesOnlyAcmesReportsAndNoCountOfAnEstateScan()
    {
        await using var host = await StartAsync();

        var index = await IndexAsync(host, $"Bearer {AcmeToken}", "203.0.113.9");

        Assert.Contains($"<a href=\"reports/{AcmeScan}/customers/acme/report.html\">Acme Foods</a>", index);
        Assert.Contains($"reports/{NewEstate}/customers/acme/report.html", index);
        Assert.DoesNotContain("globex", index, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"reports/{NewEstate}/report.html", index);
        Assert.DoesNotContain("hangfire", index);
        // An estate-wide scan's counts are every customer's: a scoped reader sees its row without them.
        Assert.Contains("<td>2026-12-04 02:10</td><td>Whole estate</td><td class=\"n\">–</td><td class=\"n\">–</td>", index);
        Assert.Contains("<td>2026-12-04 03:10</td><td>Acme Foods</td><td class=\"n\">0</td>", index);
    }

    [Fact]
    public async Task BeforeAnyAuditTheIndexSaysSoInsteadOfFailing()
    {
        await using var host = await ServeHost.StartAsync("");

        var index = await IndexAsync(host);

        Assert.Contains("No report yet", index);
        Assert.Contains("No scan recorded yet.", index);
    }

    [Fact]
    public async Task TheIndexHasNoAccessibilityViolationsAndRunsUnderItsPolicyWithoutAViolation()
    {
        await using var host = await StartAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ColorScheme = ColorScheme.Dark });
        var violations = new List<string>();
        page.Console += (_, message) => violations.Add(message.Text);

        await page.GotoAsync(host.Address.ToString());
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });

        Assert.Empty(result.Violations.Select(v => $"{v.Id}: {v.Help}"));
        Assert.DoesNotContain(violations, v => v.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Equal("rgb(13, 17, 23)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await page.CloseAsync();
    }
}
