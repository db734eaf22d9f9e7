using System.Text.RegularExpressions;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports;

public sealed class HtmlReportRendererTests
{
    [Fact]
    public async Task TheFindingsDataResolvesBackToEachFindingThroughItsStringTables()
    {
        var result = new ScanBuilder()
            .WithFinding("iam-policy-no-admin-wildcard", Verdict.Suppressed, arn: "arn:aws:iam::222222222222:role/ops", accountId: ScanBuilder.AcmeSecondAccount,
                region: "global", type: "AWS::IAM::Role", message: "waived: break-glass")
            .WithFinding(accountId: ScanBuilder.PlatformAccount)
            .Build();

        var data = ReportHtml.Data(await ReportHtml.RenderAsync(result));

        Assert.Equal(2, data.Count);
        Assert.Equal("iam-policy-no-admin-wildcard", data.Table("rules", data.Cell(0, "rule")));
        Assert.Equal("iam", data.Table("families", data.Cell(0, "family")));
        Assert.Equal("high", data.Table("severities", data.Cell(0, "severity")));
        Assert.Equal("suppressed", data.Table("verdicts", data.Cell(0, "verdict")));
        Assert.Equal("arn:aws:iam::222222222222:role/ops", data.Arn(0));
        Assert.Equal("AWS::IAM::Role", data.Table("types", data.Cell(0, "type")));
        Assert.Equal(ScanBuilder.AcmeSecondAccount, data.Table("accounts", data.Cell(0, "account")));
        Assert.Equal("global", data.Table("regions", data.Cell(0, "region")));
        Assert.Equal("Acme Foods", data.Table("customerNames", data.Cell(0, "customer")));
        Assert.Equal("waived: break-glass", data.Message(0));
        Assert.Equal(-1, data.Cell(1, "customer"));
    }

    [Fact]
    public async Task AnEmptyScanRenders()
    {
        var result = new ScanResult
        {
            ScanId = "empty",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch,
            Resources = 0,
            Evaluations = new Dictionary<string, FamilySummary>(),
            Gaps = [],
            Findings = [],
            Rules = [],
            Estate = Estate.Empty,
        };

        var html = await ReportHtml.RenderAsync(result);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Coverage: complete", html);
        Assert.Equal(0, ReportHtml.Data(html).Count);
        Assert.EndsWith("</html>", html.TrimEnd());
    }

    [Fact]
    public async Task AReportReRenderedFromFindingsJsonWithoutRuleHeadersOrEstateStillShowsEveryFinding()
    {
        var written = new ScanBuilder()
            .WithFinding("iam-policy-no-admin-wildcard", arn: "arn:aws:iam::111111111111:role/a")
            .WithFinding("tagging-required-tags", Verdict.Error)
            .WithGap(ScanBuilder.GlobexAccount, null)
            .Build();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(FindingsJson.ToJson(written)));
        var result = FindingsJson.Read(stream).ToScanResult([], Estate.Empty);

        var html = await ReportHtml.RenderAsync(result);

        Assert.Equal(2, ReportHtml.Data(html).Count);
        Assert.Contains("<strong>1</strong> failing or in error", html);
        Assert.Contains("This scan carries no description of this rule.", html);
        Assert.Contains("not in the estate", html);
    }

    [Fact]
    public async Task CoverageGapsComeFirstThenTheOverviewThenTheFindings()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding()
            .WithGap(ScanBuilder.GlobexAccount, null, "sts:AssumeRole", "AccessDenied: role GuardrailsAudit missing")
            .Build());

        var coverage = html.IndexOf("id=\"coverage\"", StringComparison.Ordinal);
        var overview = html.IndexOf("id=\"overview\"", StringComparison.Ordinal);
        var findings = html.IndexOf("id=\"findings\"", StringComparison.Ordinal);
        Assert.True(coverage > 0 && coverage < overview && overview < findings);
        Assert.Contains("Coverage gaps: 1 (1 account)", html);
        Assert.Contains("AccessDenied: role GuardrailsAudit missing", html);
        Assert.Contains("all regions", html);
    }

    [Fact]
    public async Task TheOverviewCountsFindingsByCustomerAndAccountAsFilterShortcuts()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithFinding().WithFinding().WithFinding(accountId: ScanBuilder.GlobexAccount)
            .Build());

        // The posture tables: failing findings by severity, critical first (the rule is high).
        Assert.Contains("data-filter=\"customer\" data-value=\"0\"><td>Acme Foods</td><td class=\"num zero\" data-key=\"0\">0</td><td class=\"num sev-count-high\" data-key=\"2\">2</td>", html);
        Assert.Contains("data-filter=\"account\" data-value=\"2\"><td>333333333333</td><td>Globex Corporation</td><td class=\"num zero\" data-key=\"0\">0</td><td class=\"num sev-count-high\" data-key=\"1\">1</td>", html);
    }

    [Fact]
    public async Task EachRuleHasAPanelWithItsRationaleRemediationControlsAndAffectedResources()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder()
            .WithRule("iam-policy-no-admin-wildcard", Severity.Critical, "IAM policies grant no admin wildcard",
                "Replace \"*\" with the actions the role needs.", "A wildcard grants every action.", "CIS AWS 1.16")
            .WithFinding("iam-policy-no-admin-wildcard", arn: "arn:aws:iam::111111111111:role/a")
            .WithFinding("iam-policy-no-admin-wildcard", arn: "arn:aws:iam::111111111111:role/b")
            .WithFinding("iam-policy-no-admin-wildcard", Verdict.Suppressed, arn: "arn:aws:iam::111111111111:role/c")
            .Build());

        var panel = Regex.Match(html, "<dialog class=\"panel\" id=\"rule-0\".*?</dialog>", RegexOptions.Singleline).Value;
        Assert.Contains("IAM policies grant no admin wildcard", panel);
        Assert.Contains("A wildcard grants every action.", panel);
        Assert.Contains("Replace &quot;*&quot; with the actions the role needs.", panel);
        Assert.Contains("<li>CIS AWS 1.16</li>", panel);
        Assert.Contains("badge sev-critical", panel);
        Assert.Contains("<strong>2</strong> failing or in error", panel);
        Assert.Contains("data-show-rule=\"0\"", panel);
    }

    [Fact]
    public async Task TheReportLoadsNothingFromOutsideTheFile()
    {
        var html = await ReportHtml.RenderAsync(new ScanBuilder().WithFinding().Build());

        Assert.DoesNotMatch("<(script|link|img|iframe|object|embed)\\b[^>]*\\b(src|href)=", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("<style>", html);
        Assert.Contains("<script>", html);
    }
}
