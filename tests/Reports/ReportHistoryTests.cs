using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>report.html with a scan's history: status column and filter, trend chart, resource details.</summary>
public sealed class ReportHistoryTests
{
    [Fact]
    public async Task WithoutStatusesThereIsNoStatusColumnFilterOrTrend()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder().WithFinding().Build());

        Assert.DoesNotContain("data-filter=\"status\"", html);
        Assert.DoesNotContain("data-sort=\"status\"", html);
        Assert.DoesNotContain("<svg class=\"trend-chart\"", html);
        Assert.False(ReportHtml.Data(html).Has("status"));
    }

    [Fact]
    public async Task WithStatusesTheTableHasAStatusColumnAFilterAndCountsSinceThePreviousScan()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding(status: FindingStatus.New, firstSeen: ScanBuilder.FinishedAt)
            .WithFinding(status: FindingStatus.Open, firstSeen: ScanBuilder.FinishedAt.AddDays(-10))
            .WithFinding(status: FindingStatus.Open)
            .Build());

        Assert.Contains("<select data-filter=\"status\">", html);
        Assert.Contains("data-sort=\"status\"", html);
        Assert.Matches("data-filter=\"status\" data-value=\"1\">\\s*<span class=\"card-value\">2</span>", html);
        var data = ReportHtml.Data(html);
        Assert.Equal([0, 1, 1], Enumerable.Range(0, 3).Select(i => data.Cell(i, "status")));
        Assert.Equal("2025-05-22", data.Table("firstSeen", data.Cell(1, "firstSeen")));
        Assert.Equal(-1, data.Cell(2, "firstSeen"));
    }

    [Fact]
    public async Task TheTrendIsAnInlineSvgWithALinePerSeriesAndLabelledAxes()
    {
        var builder = new ScanBuilder().WithFinding(status: FindingStatus.New);
        for (var day = 0; day < 30; day++)
        {
            builder.WithTrendPoint(day, 100 - day, day % 7);
        }

        var html = await ReportHtml.RenderAsync(builder.Build());

        var svg = Regex.Match(html, "<svg class=\"trend-chart\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Equal(3, Regex.Count(svg, "<polyline "));
        Assert.Equal(90, Regex.Count(svg, "<circle "));
        Assert.Contains("<text class=\"axis-label\"", svg);
        Assert.Contains(">31 May</text>", svg);
        Assert.Contains("<desc id=\"trend-summary\">Findings over the last 30 scans. Latest scan: 29 new, 71 open, 1 resolved.</desc>", svg);
        Assert.DoesNotContain("style=", svg);
        Assert.Contains("<td><code>scan-29</code></td>", html);
    }

    [Fact]
    public async Task ResourcesTagsArePanelDataAndAPolicyStatementQuotedInAMessageIsFound()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding("segregation-bucket-policy-no-foreign-customer", arn: "arn:aws:s3:::acme-orders", type: "AWS::S3::Bucket",
                message: """acme-orders grants {"Effect":"Allow","Principal":"*","Action":"s3:GetObject"} to everyone; remove it""",
                tags: new Dictionary<string, string> { ["Name"] = "acme-orders", ["owner"] = "ops@acme.example" })
            .WithFinding(message: "no statement {here}")
            .Build());

        var data = ReportHtml.Data(html);
        Assert.Equal([("Name", "acme-orders"), ("owner", "ops@acme.example")], data.Tags(0));
        Assert.Equal("{\n  \"Effect\": \"Allow\",\n  \"Principal\": \"*\",\n  \"Action\": \"s3:GetObject\"\n}", data.Evidence(0));
        Assert.Null(data.Evidence(1));
        Assert.Empty(data.Tags(1));
        Assert.Contains("id=\"resource-evidence-section\"", html);
    }
}
