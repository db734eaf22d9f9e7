using Ocado.Guardrails.Reports.Html;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Tests.Reports.Browser;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>Posture, waivers and the smaller fixes of issue 17: what the page says, checked in its HTML and data.</summary>
public sealed class ReportPostureTests
{
    [Fact]
    public void WaiversInForceExpiringExpiredAndStaleAreTold()
    {
        var waivers = WaiverSummary.Build(PostureScans.Estate());

        Assert.Contains(waivers.InForce, w => w.ExpiringSoon && w.DaysLeft == 19 && w.Reason == "accepted until the rebuild");
        Assert.Contains(waivers.InForce, w => !w.ExpiringSoon && w.Expires == new DateOnly(2026, 3, 31));
        Assert.All(waivers.InForce, w => Assert.Matches(@"^team-\d+@example\.com$", w.Owner));
        var (expired, reopened) = Assert.Single(waivers.Expired);
        Assert.Equal(PostureScans.Expired, expired.Waiver);
        Assert.True(reopened > 0);
        Assert.Equal(PostureScans.Stale, Assert.Single(waivers.Stale).Waiver);
    }

    [Fact]
    public async Task TheWaiversSectionShowsOwnerReasonAndExpiry()
    {
        var html = await ReportHtml.RenderAsync(PostureScans.Estate());

        Assert.Contains("expires in 19 days", html);
        Assert.Contains("Migration to the new queue", html);
        Assert.Contains("team-search@example.com", html);
        Assert.Contains("Expired: findings reopened", html);
        Assert.Contains("Stale: matching no failing finding", html);
    }

    [Fact]
    public async Task ByCustomerIncludesThePlatformAndPassRatesAreKnownWhenPassesAreKept()
    {
        var html = await ReportHtml.RenderAsync(PostureScans.Estate());

        Assert.Contains("<td>Platform and unknown accounts</td>", html);
        Assert.Matches(@"<td class=""num"" data-key=""\d+"">\d+%</td>", html);
        Assert.Contains("Failing findings by customer and severity", html);
        Assert.Contains("<svg class=\"bar-chart\"", html);
    }

    [Fact]
    public async Task TheFindingsCardLeavesPassesOut()
    {
        var scan = PostureScans.Estate();
        var html = await ReportHtml.RenderAsync(scan);

        var notPasses = scan.Findings.Count(f => f.Verdict != Verdict.Pass);
        Assert.Contains($"<span class=\"card-value\">{notPasses}</span><span class=\"card-label\">findings (passes aside)</span>", html);
    }

    [Fact]
    public async Task TheMastheadSaysResourcesWithAFindingRatherThanResources()
    {
        // Without passes, a customer's scope knows only the resources with a finding.
        var html = await ReportHtml.RenderAsync(Ocado.Guardrails.Reports.CustomerScope.For(BrowserScans.Estate(), "acme"));

        Assert.Matches(@"· \d+ resources with a finding", html);
    }

    [Fact]
    public async Task ARuleWithoutAControlShowsItsNoteAndNoControlChip()
    {
        var html = await ReportHtml.RenderAsync(PostureScans.Estate());

        Assert.DoesNotContain("<li>n/a", html);
        Assert.Contains("<p class=\"prose\">n/a (no CIS or FSBP control covers tags)</p>", html);
        Assert.Contains("<li>CIS AWS Foundations 1.16</li>", html);
    }

    [Fact]
    public void ScansOnTheSameDayAreLabelledWithTheirTime()
    {
        var day = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
        ScanTrendPoint[] trend = [new("a", day.AddDays(-1).AddHours(2), 1, 1, 1, 0), new("b", day.AddHours(2), 1, 1, 1, 0),
            new("c", day.AddHours(9), 1, 1, 1, 0), new("d", day.AddHours(21.5), 1, 1, 1, 0)];

        var labels = new TrendLayout(trend).XLabels.Select(l => l.Label).ToList();

        Assert.Equal(["03 Dec", "04 Dec 02:00", "04 Dec 09:00", "04 Dec 21:30"], labels);
    }

    [Fact]
    public async Task ATagValueThatLooksLikeASecretNeverReachesThePage()
    {
        var html = await ReportHtml.RenderAsync(PostureScans.Estate());

        Assert.DoesNotContain(PostureScans.SecretKey, ReportHtml.Readable(html));
        Assert.Contains("masked: 20 characters", ReportHtml.DataText(html));
    }
}
