using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>Pass rates and compliance scores from the scan's counts, without passes kept as findings; each customer's trend.</summary>
public sealed class PassRateTests
{
    private const string AdminRule = "iam-policy-no-admin-wildcard";

    /// <summary>
    /// Acme's first account: 3 of 4 evaluations pass (75%); its second: 1 of 2 (50%), so Acme is 4 of 6 (66%);
    /// Globex: 9 of 10 (90%). Only the fails are findings, as a scan without --include-passes keeps them.
    /// </summary>
    internal static ScanResult Counted()
    {
        var builder = new ScanBuilder()
            .WithRule(AdminRule, Severity.Critical, controls: ["CIS AWS Foundations 1.16", "AWS FSBP IAM.1"])
            .WithFinding(AdminRule, accountId: ScanBuilder.AcmeAccount, arn: "arn:aws:iam::111111111111:policy/admin")
            .WithFinding(AdminRule, accountId: ScanBuilder.AcmeSecondAccount, arn: "arn:aws:iam::222222222222:policy/admin")
            .WithFinding(AdminRule, accountId: ScanBuilder.GlobexAccount, arn: "arn:aws:iam::333333333333:policy/admin");
        var counts = new ScanCounts();
        Account(counts, ScanBuilder.AcmeAccount, pass: 3, fail: 1);
        Account(counts, ScanBuilder.AcmeSecondAccount, pass: 1, fail: 1);
        Account(counts, ScanBuilder.GlobexAccount, pass: 9, fail: 1);
        return builder.Build() with
        {
            Counts = counts,
            Trend = [Point("scan-01", 1, 5, 0), Point("scan-02", 2, 4, 1)],
            CustomerTrends = new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal)
            {
                ["acme"] = [Point("scan-01", 1, 2, 0), Point("scan-02", 0, 2, 1)],
                ["globex"] = [Point("scan-01", 0, 3, 0), Point("scan-02", 2, 2, 0)],
            },
        };
    }

    private static void Account(ScanCounts counts, string account, int pass, int fail)
    {
        var rule = counts.For(account).Rule(AdminRule);
        rule.Pass = pass;
        rule.Fail = fail;
        foreach (var control in new[] { "CIS AWS Foundations 1.16", "AWS FSBP IAM.1" })
        {
            counts.For(account).Control(control).Passing = pass;
            counts.For(account).Control(control).Failing = fail;
        }
    }

    private static ScanTrendPoint Point(string scanId, int @new, int open, int resolved) =>
        new(scanId, ScanBuilder.FinishedAt.AddDays(scanId == "scan-01" ? -1 : 0), @new, open, resolved, 0);

    [Fact]
    public async Task PassRatesPerCustomerAndAccountComeFromTheCountsWhenNoPassIsKept()
    {
        var scan = Counted();
        Assert.DoesNotContain(scan.Findings, f => f.Verdict == Verdict.Pass);

        var html = await ReportHtml.RenderAsync(scan);

        Assert.Contains(@"<td class=""num"" data-key=""66"">66%</td>", html);
        Assert.Contains(@"<td class=""num"" data-key=""90"">90%</td>", html);
        Assert.Contains(@"<td class=""num"" data-key=""75"">75%</td>", html);
        Assert.Contains(@"<td class=""num"" data-key=""50"">50%</td>", html);
        Assert.DoesNotContain(">unknown<", html);
        Assert.DoesNotContain("This scan kept no passes", html);
    }

    [Fact]
    public async Task ComplianceScoresPerControlAndCustomerComeFromTheCounts()
    {
        var html = await ReportHtml.RenderAsync(Counted());

        // Acme 4 of 6, Globex 9 of 10: 13 of 16 in all.
        Assert.Contains("81% (13/16)", html);
        Assert.Contains("66% (4/6)", html);
        Assert.Contains("90% (9/10)", html);
    }

    [Fact]
    public async Task WithoutCountsOrPassesThePassRateIsUnknown()
    {
        var html = await ReportHtml.RenderAsync(Counted() with { Counts = null });

        Assert.Contains(">unknown<", html);
        Assert.Contains("This scan kept no passes", html);
    }

    [Fact]
    public async Task ACustomersReportShowsItsOwnCountsAndTrendOnly()
    {
        var acme = CustomerScope.For(Counted(), "acme");

        Assert.Equal([ScanBuilder.AcmeAccount, ScanBuilder.AcmeSecondAccount], acme.Counts!.Accounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["acme"], acme.CustomerTrends.Keys);
        Assert.Equal([3, 2], acme.Trend.Select(p => p.New + p.Open));
        Assert.Equal(4, acme.Evaluations["iam"].Pass);
        Assert.Equal(2, acme.Evaluations["iam"].Fail);
        var html = await ReportHtml.RenderAsync(acme, "Acme Foods");
        Assert.Contains("66% (4/6)", html);
        Assert.DoesNotContain("9/10", html);
        Assert.DoesNotContain("Globex", html);
        Assert.Contains(@"id=""trend""", html);
        Assert.Contains("Acme Foods: failing findings over the last 2 scans, oldest first: 3, 2", html);
    }

    [Fact]
    public async Task TheEstateReportShowsEachCustomersTrend()
    {
        var html = await ReportHtml.RenderAsync(Counted());

        Assert.Contains("Trend by customer", html);
        Assert.Contains("Acme Foods: failing findings over the last 2 scans, oldest first: 3, 2", html);
        Assert.Contains("Globex Corporation: failing findings over the last 2 scans, oldest first: 3, 4", html);
        Assert.Contains(@"<svg class=""sparkline""", html);
    }

    [Fact]
    public void FindingsJsonKeepsTheCountsAndTheCustomersTrends()
    {
        var scan = Counted();
        var json = FindingsJson.ToJson(scan);

        var read = FindingsJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        using var document = JsonDocument.Parse(json);
        var acme = document.RootElement.GetProperty("summary").GetProperty("counts").GetProperty(ScanBuilder.AcmeAccount);
        Assert.Equal(3, acme.GetProperty("rules").GetProperty(AdminRule).GetProperty("pass").GetInt32());
        Assert.False(acme.GetProperty("rules").GetProperty(AdminRule).TryGetProperty("error", out _));
        Assert.Equal(1, acme.GetProperty("controls").GetProperty("AWS FSBP IAM.1").GetProperty("failing").GetInt32());
        Assert.Equal(9, read.Counts!.Accounts[ScanBuilder.GlobexAccount].Rules[AdminRule].Pass);
        Assert.Equal(9, read.Counts.Accounts[ScanBuilder.GlobexAccount].Controls["CIS AWS Foundations 1.16"].Passing);
        Assert.Equal(scan.CustomerTrends["globex"], read.CustomerTrends["globex"]);
        Assert.Equal(json, FindingsJson.ToJson(read.ToScanResult(scan.Rules, scan.Estate)));
    }

    [Fact]
    public async Task AReportRenderedAgainFromFindingsJsonShowsTheSameRates()
    {
        var scan = Counted();
        var read = FindingsJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(FindingsJson.ToJson(scan)))).ToScanResult(scan.Rules, scan.Estate);

        var html = await ReportHtml.RenderAsync(read);

        Assert.Contains(@"<td class=""num"" data-key=""66"">66%</td>", html);
        Assert.Contains("81% (13/16)", html);
        Assert.Contains("Globex Corporation: failing findings over the last 2 scans, oldest first: 3, 4", html);
    }

    [Fact]
    public void AFindingsJsonWithoutCountsReadsAsBefore()
    {
        var json = FindingsJson.ToJson(Counted() with { Counts = null, CustomerTrends = new Dictionary<string, IReadOnlyList<ScanTrendPoint>>() });

        var read = FindingsJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.DoesNotContain("\"counts\"", json);
        Assert.DoesNotContain("customerTrends", json);
        Assert.Null(read.Counts);
        Assert.Empty(read.CustomerTrends);
    }
}
