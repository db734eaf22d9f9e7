using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>A customer's report, opened and read in full in Chromium, says nothing of another customer.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class CustomerReportBrowserTests(ChromiumFixture chromium)
{
    private const string GlobexBucket = "arn:aws:s3:::globex-payroll-exports";
    private const string GlobexRole = "arn:aws:iam::333333333333:role/globex-deployer";

    /// <summary>Acme's findings point at Globex everywhere free text can: message, policy statement, tags, trend.</summary>
    private static ScanResult Estate() => new ScanBuilder()
        .WithFinding("segregation-bucket-policy-no-foreign-customer", Verdict.Fail, arn: "arn:aws:s3:::acme-orders", type: "AWS::S3::Bucket", region: "global",
            message: $"acme-orders grants s3:GetObject to {GlobexRole} (Globex Corporation) and 999999999999",
            evidence: $$"""{"Effect":"Allow","Principal":{"AWS":["{{GlobexRole}}","arn:aws:iam::999999999999:root"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-orders/*"}""",
            tags: new Dictionary<string, string> { ["shared-with"] = "globex", ["globex-contact"] = "Globex Corporation via 333333333333" },
            status: FindingStatus.New, firstSeen: ScanBuilder.FinishedAt)
        .WithFinding("tagging-required-tags", Verdict.Fail, accountId: ScanBuilder.AcmeSecondAccount, status: FindingStatus.Open, firstSeen: ScanBuilder.FinishedAt.AddDays(-3))
        .WithFinding("tagging-required-tags", Verdict.Fail, accountId: ScanBuilder.GlobexAccount, arn: GlobexRole, message: "globex-deployer has no owner tag", status: FindingStatus.Open)
        .WithFinding("segregation-bucket-policy-no-foreign-customer", Verdict.Fail, accountId: ScanBuilder.GlobexAccount, arn: GlobexBucket, type: "AWS::S3::Bucket", status: FindingStatus.New)
        .WithGap(ScanBuilder.AcmeSecondAccount, "eu-west-1", reason: "AccessDenied for arn:aws:sts::999999999999:assumed-role/GuardrailsAudit/scan")
        .WithGap(ScanBuilder.GlobexAccount, null, "sts:AssumeRole", "AccessDenied: Globex Corporation revoked the role")
        .WithTrendPoint(3, 40, 2)
        .WithTrendPoint(1, 42, 5)
        .Build();

    [Fact]
    public async Task ACustomersReportShowsNoAccountIdArnOrNameOfAnotherCustomerWithEveryPanelOpen()
    {
        var browser = chromium.Browser;
        var html = await ReportHtml.RenderAsync(CustomerScope.For(Estate(), "acme"), "Acme Foods");
        await using var tab = await ReportTab.OpenAsync(browser, html);
        var page = tab.Page;

        var seen = new List<string> { ReportHtml.Readable(html), await page.EvaluateAsync<string>("() => document.body.innerText") };
        var rows = await page.Locator("#findings-body button[data-row]").CountAsync();
        Assert.Equal(2, rows);
        for (var i = 0; i < rows; i++)
        {
            await page.Locator("#findings-body button[data-row]").Nth(i).ClickAsync();
            seen.Add(await page.Locator("#resource-panel").InnerTextAsync());
            await page.Locator("#resource-panel button[data-close]").ClickAsync();
        }
        await page.Locator("#findings-body button[data-rule]").First.ClickAsync();
        seen.Add(await page.Locator("dialog.panel[open]").InnerTextAsync());

        foreach (var text in seen)
        {
            foreach (var secret in new[] { ScanBuilder.GlobexAccount, ScanBuilder.PlatformAccount, GlobexRole, GlobexBucket, "Globex", "globex" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
        }
        Assert.Contains("[another customer's account]", seen[2]);
        Assert.Contains("[platform account]", seen[2]);
        Assert.Equal(0, await page.Locator("svg.trend-chart").CountAsync());
        await tab.ScreenshotAsync("customer-report-resource-redacted");
        await tab.AssertNothingRanAsync("Acme Foods");
    }
}
