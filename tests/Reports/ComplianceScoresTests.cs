using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Reports.Compliance;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Tests.Reports.Browser;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>The compliance view: a framework's controls scored from the rules' controls headers, gaps listed as not covered.</summary>
public sealed class ComplianceScoresTests
{
    private static ScanBuilder AdminRuleScan() => new ScanBuilder()
        .WithRule("iam-policy-no-admin-wildcard", Severity.Critical, controls: ["CIS AWS Foundations 1.16", "AWS FSBP IAM.1"]);

    private static ControlScore Control(IReadOnlyList<FrameworkScore> scores, string framework, string id) =>
        scores.Single(s => s.Framework.Id == framework).Controls.Single(c => c.Control.Id == id);

    [Fact]
    public void EachFrameworkNamesItsVersionAndSourceAndListsItsControls()
    {
        var cis = FrameworkCatalog.All.Single(f => f.Id == "cis");
        var fsbp = FrameworkCatalog.All.Single(f => f.Id == "fsbp");

        Assert.Equal("CIS AWS Foundations Benchmark v3.0.0", cis.Name);
        Assert.Contains("cisecurity.org", cis.Source);
        Assert.Contains(cis.Controls, c => c.Id == "1.16" && c.Title.Contains("administrative privileges"));
        Assert.Contains(fsbp.Controls, c => c.Id == "IAM.1");
        Assert.Contains("services this catalog judges", fsbp.Scope);
    }

    [Fact]
    public void EveryControlTheCatalogCitesIsInTheFrameworkList()
    {
        // The shipped rules' headers, read as the report reads them: a citation the data file lacks would be lost.
        var cited = Directory.EnumerateFiles(Path.Combine(Ocado.Guardrails.Tests.Support.RepoPaths.Root, "rules-catalog"), "*.csx", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines).Where(l => l.StartsWith("// controls:", StringComparison.Ordinal))
            .SelectMany(l => l["// controls:".Length..].Split(',', StringSplitOptions.TrimEntries))
            .Where(c => !c.StartsWith("n/a", StringComparison.Ordinal)).Distinct().ToList();

        Assert.NotEmpty(cited);
        Assert.All(cited, c => Assert.Contains(FrameworkCatalog.All, f => c.StartsWith(f.Prefix, StringComparison.Ordinal)
            && f.Controls.Any(control => control.Id == c[f.Prefix.Length..])));
    }

    [Fact]
    public void AControlsPassRateIsResourcesPassingOverResourcesAssessed()
    {
        var builder = AdminRuleScan();
        foreach (var verdict in new[] { Verdict.Pass, Verdict.Pass, Verdict.Pass, Verdict.Fail, Verdict.NotAssessed })
        {
            builder.WithFinding("iam-policy-no-admin-wildcard", verdict);
        }
        builder.WithFinding("iam-policy-no-admin-wildcard", Verdict.Suppressed, accountId: ScanBuilder.GlobexAccount);

        var scores = ComplianceBuilder.Build(builder.Build(), id => id == "acme" ? 0 : id == "globex" ? 1 : -1, TestContext.Current.CancellationToken);

        var control = Control(scores, "cis", "1.16");
        Assert.Equal(["iam-policy-no-admin-wildcard"], control.Rules);
        Assert.Equal((3, 2, 1), (control.Total.Passing, control.Total.Failing, control.Total.NotAssessed));
        Assert.Equal(60, control.Total.PassPercent);
        Assert.Equal(75, control.ByCustomer[0].PassPercent);
        // A waived failure is not a pass.
        Assert.Equal(0, control.ByCustomer[1].PassPercent);
        Assert.Equal(control.Total.Passing, Control(scores, "fsbp", "IAM.1").Total.Passing);
    }

    [Fact]
    public void AResourcePassesAControlOnlyWhenEveryRuleOfItPasses()
    {
        var builder = AdminRuleScan().WithRule("iam-principal-no-admin-access", Severity.Critical, controls: ["CIS AWS Foundations 1.16"]);
        const string role = "arn:aws:iam::111111111111:role/deploy";
        builder.WithFinding("iam-policy-no-admin-wildcard", Verdict.Pass, arn: role).WithFinding("iam-principal-no-admin-access", Verdict.Fail, arn: role);

        var control = Control(ComplianceBuilder.Build(builder.Build(), _ => 0, TestContext.Current.CancellationToken), "cis", "1.16");

        Assert.Equal((0, 1), (control.Total.Passing, control.Total.Failing));
    }

    [Fact]
    public async Task UncoveredControlsAreListedAsNotCoveredAndNeverAsPassing()
    {
        var html = await ReportHtml.RenderAsync(PostureScans.Estate());

        Assert.Contains("CIS AWS Foundations Benchmark v3.0.0", html);
        Assert.Contains("2 of 62 controls covered", html);
        Assert.Contains("Not covered by this catalog: 60 controls (unknown, not passing)", html);
        Assert.Contains("<code>1.1</code> Maintain current contact details <span class=\"chip-muted\">not covered</span>", html);
    }

    [Fact]
    public async Task WithoutPassesThePassRateIsUnknownRatherThanAHundredPercent()
    {
        var html = await ReportHtml.RenderAsync(AdminRuleScan().WithFinding("iam-policy-no-admin-wildcard", Verdict.Fail).Build());

        Assert.Contains("This scan kept no passes", html);
        Assert.DoesNotMatch(@"\d+% \(", html);
        Assert.Contains(">unknown</td>", html);
    }

    [Fact]
    public async Task ACustomersComplianceAndPostureHoldNothingOfAnotherCustomer()
    {
        var html = ReportHtml.Readable(await ReportHtml.RenderAsync(CustomerScope.For(PostureScans.Estate(), "acme")));

        Assert.Contains("Acme Foods", html);
        Assert.DoesNotContain("Globex", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ScanBuilder.GlobexAccount, html);
        Assert.DoesNotContain(ScanBuilder.PlatformAccount, html);
        Assert.DoesNotContain("Platform and unknown accounts", html);
    }
}
