using System.Text.RegularExpressions;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>The report's quota forecast charts and its list of notifications not delivered: drawn as inline SVG, escaped, masked, scoped per customer.</summary>
public sealed partial class ReportForecastsAndDeliveriesTests
{
    private static readonly DateTimeOffset Night = new(2025, 5, 25, 2, 0, 0, TimeSpan.Zero);

    private static ForecastedQuota Quota(string account, double startUsage, double value)
    {
        var points = Enumerable.Range(0, 7).Select(i => new UsagePoint(Night.AddDays(i), startUsage + (2 * i))).ToList();
        return new ForecastedQuota($"arn:aws:servicequotas:eu-west-1:{account}:vpc/L-F678F1CE", account, "eu-west-1", "vpc", "L-F678F1CE",
            QuotaForecast.Compute(points, value)!);
    }

    private static ScanResult Scan() => new ScanBuilder().Build() with
    {
        QuotaForecasts = [Quota(ScanBuilder.AcmeAccount, 60, 100), Quota(ScanBuilder.GlobexAccount, 80, 100)],
        NotificationFailures =
        [
            new NotificationFailure("20250531T020000Z-estate", ReportHtml.Payload, Night, false, 3, "SMTP 451 from smtp.example.com:587: token AKIAIOSFODNN7EXAMPLE refused " + ReportHtml.Payload),
            new NotificationFailure("20250531T020000Z-estate", "acme-mail", Night.AddMinutes(1), true, 0, null),
        ],
    };

    [Fact]
    public async Task EachForecastQuotaHasAnInlineSvgChartOfItsUsageAndTheDayItRunsOut()
    {
        var html = await ReportHtml.RenderAsync(Scan());

        var section = Section().Match(html).Value;
        Assert.Contains("Quota forecasts: 2 running out", section);
        Assert.Contains("<a href=\"#forecasts\">Forecasts</a>", html);
        // 60, 62, ... 72 a day apart: 100 is reached 14 days after the last scan (31 May); 80, ... 92: 4 days after.
        Assert.Contains("runs out 2025-06-14", section);
        Assert.Contains("runs out 2025-06-04", section);
        Assert.True(section.IndexOf("runs out 2025-06-04", StringComparison.Ordinal) < section.IndexOf("runs out 2025-06-14", StringComparison.Ordinal), "soonest first");
        Assert.Equal(2, Regex.Count(section, "<svg class=\"forecast-chart\""));
        Assert.Equal(2, Regex.Count(section, "<polyline class=\"forecast-usage\""));
        Assert.Equal(14, Regex.Count(section, "<circle class=\"forecast-point\""));
        Assert.Contains("+2 a day", section);
        // Nothing the page's Content-Security-Policy would refuse: no inline style, no external reference.
        Assert.DoesNotContain("style=", section);
        Assert.DoesNotContain("http", section.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotificationsNotDeliveredAreListedWithChannelTimeAndMaskedEscapedError()
    {
        var html = await ReportHtml.RenderAsync(Scan());

        var section = Deliveries().Match(html).Value;
        Assert.Contains("Notifications not delivered: 2", section);
        Assert.Contains("<code>20250531T020000Z-estate</code>", section);
        Assert.Contains($"<code>{ReportHtml.HtmlEscapedPayload}</code>", section);
        Assert.Contains("2025-05-25 02:00:00 UTC", section);
        Assert.Contains("SMTP 451 from smtp.example.com:587: token •••••• refused " + ReportHtml.Payload, System.Net.WebUtility.HtmlDecode(section));
        Assert.Contains("outcome unknown: the sender stopped while sending", section);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", html);
        Assert.DoesNotContain(ReportHtml.Payload, html);
    }

    [Fact]
    public async Task ACustomersReportHasItsOwnForecastsOnlyAndNoDeliveries()
    {
        var html = await ReportHtml.RenderAsync(CustomerScope.For(Scan(), "acme"));

        Assert.Contains("Quota forecasts: 1 running out", html);
        Assert.Contains(ScanBuilder.AcmeAccount, Section().Match(html).Value);
        Assert.DoesNotContain(ScanBuilder.GlobexAccount, html);
        Assert.DoesNotContain("id=\"deliveries\"", html);
    }

    [Fact]
    public async Task AReportWithNeitherHasNoSuchSections()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder().Build());

        Assert.DoesNotContain("id=\"forecasts\"", html);
        Assert.DoesNotContain("href=\"#forecasts\"", html);
        Assert.DoesNotContain("id=\"deliveries\"", html);
    }

    [GeneratedRegex("<section id=\"forecasts\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex("<section id=\"deliveries\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex Deliveries();
}
