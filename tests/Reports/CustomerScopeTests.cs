using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports;

public sealed class CustomerScopeTests
{
    private const string GlobexBucket = "arn:aws:s3:::globex-payroll-exports";
    private const string GlobexRole = "arn:aws:iam::333333333333:role/globex-deployer";

    /// <summary>An estate where Acme's findings talk about Globex and the platform, as segregation findings do.</summary>
    private static ScanResult Estate() => new ScanBuilder()
        .WithFinding("segregation-bucket-policy-no-foreign-customer", Verdict.Fail, arn: "arn:aws:s3:::acme-orders", type: "AWS::S3::Bucket",
            message: $"acme-orders grants s3:GetObject to {GlobexRole} (Globex Corporation, customer globex) and to 999999999999")
        .WithFinding("tagging-required-tags", Verdict.NotAssessed, accountId: ScanBuilder.AcmeSecondAccount)
        .WithFinding("tagging-required-tags", Verdict.Fail, accountId: ScanBuilder.GlobexAccount, arn: GlobexRole, message: "globex-deployer has no owner tag")
        .WithFinding("segregation-bucket-policy-no-foreign-customer", Verdict.Fail, accountId: ScanBuilder.GlobexAccount, arn: GlobexBucket, type: "AWS::S3::Bucket")
        .WithFinding("iam-policy-no-admin-wildcard", Verdict.Error, accountId: ScanBuilder.PlatformAccount, arn: "arn:aws:iam::999999999999:role/platform-admin")
        .WithGap(ScanBuilder.AcmeSecondAccount, "eu-west-1", reason: "AccessDenied for arn:aws:sts::999999999999:assumed-role/GuardrailsAudit/scan")
        .WithGap(ScanBuilder.GlobexAccount, null, "sts:AssumeRole", "AccessDenied: Globex Corporation revoked the role")
        .WithPasses("tagging", 100)
        .Build();

    [Fact]
    public void TheScopedResultHoldsOnlyTheCustomersFindings()
    {
        var scoped = CustomerScope.For(Estate(), "acme");

        Assert.Equal(2, scoped.Findings.Count);
        Assert.All(scoped.Findings, f => Assert.Equal("acme", f.Customer));
        Assert.All(scoped.Findings, f => Assert.Contains(f.AccountId, new[] { ScanBuilder.AcmeAccount, ScanBuilder.AcmeSecondAccount }));
    }

    [Fact]
    public void TheScopedEstateKnowsOnlyThatCustomerAndNoPlatformAccount()
    {
        var scoped = CustomerScope.For(Estate(), "acme");

        var customer = Assert.Single(scoped.Estate.Customers);
        Assert.Equal("acme", customer.Id);
        Assert.Empty(scoped.Estate.PlatformAccounts);
        Assert.Equal([ScanBuilder.AcmeAccount, ScanBuilder.AcmeSecondAccount], scoped.Estate.Accounts.Order());
    }

    [Fact]
    public void OnlyGapsOfTheCustomersAccountsAreKept()
    {
        var gap = Assert.Single(CustomerScope.For(Estate(), "acme").Gaps);

        Assert.Equal(ScanBuilder.AcmeSecondAccount, gap.AccountId);
    }

    [Fact]
    public void AMessageNamingAnotherCustomerOrThePlatformIsRedacted()
    {
        var message = CustomerScope.For(Estate(), "acme").Findings[0].Message;

        Assert.Equal(
            "acme-orders grants s3:GetObject to arn:aws:iam::[another customer's account]:role/[another customer]-deployer " +
            "([another customer], customer [another customer]) and to [platform account]",
            message);
    }

    [Fact]
    public void ATextNamingOnlyTheCustomersOwnAccountsIsKeptAsItIsAndAnotherCustomersNameBesideThemIsStillRedacted()
    {
        var own = $"arn:aws:iam::{ScanBuilder.AcmeAccount}:role/acme-app of acme may read arn:aws:s3:::acme-orders in {ScanBuilder.AcmeSecondAccount}";
        var named = $"arn:aws:iam::{ScanBuilder.AcmeAccount}:role/acme-app trusts globex";
        var result = new ScanBuilder()
            .WithFinding("iam-role-trust-not-public", Verdict.Fail, arn: $"arn:aws:iam::{ScanBuilder.AcmeAccount}:role/acme-app", message: own)
            .WithFinding("iam-role-used-recently", Verdict.Fail, arn: $"arn:aws:iam::{ScanBuilder.AcmeAccount}:role/acme-app", message: named)
            .Build();

        var scoped = CustomerScope.For(result, "acme").Findings;

        // Nothing to redact: the very same text, not a copy of it in every customer's report.
        Assert.Same(own, Assert.Single(scoped, f => f.RuleId == "iam-role-trust-not-public").Message);
        Assert.Equal($"arn:aws:iam::{ScanBuilder.AcmeAccount}:role/acme-app trusts [another customer]", Assert.Single(scoped, f => f.RuleId == "iam-role-used-recently").Message);
    }

    [Fact]
    public void APlatformAccountInAGapReasonIsRedacted()
    {
        var gap = Assert.Single(CustomerScope.For(Estate(), "acme").Gaps);

        Assert.Equal("AccessDenied for arn:aws:sts::[platform account]:assumed-role/GuardrailsAudit/scan", gap.Reason);
    }

    [Fact]
    public void ACustomersOwnIdIsKeptWhenAnotherCustomersIdIsPartOfIt()
    {
        var result = new ScanBuilder()
            .WithCustomer("acme-eu", "Acme Europe", "444444444444")
            .WithFinding(accountId: "444444444444", message: "acme-eu-logs is readable by acme and by Acme Foods")
            .Build();

        var message = Assert.Single(CustomerScope.For(result, "acme-eu").Findings).Message;

        Assert.Equal("acme-eu-logs is readable by [another customer] and by [another customer]", message);
    }

    [Fact]
    public void TheSummaryIsRecomputedFromTheKeptFindings()
    {
        var scoped = CustomerScope.For(Estate(), "acme");

        Assert.Equal(2, scoped.Resources);
        Assert.Equal(1, scoped.Evaluations["segregation"].Fail);
        Assert.Equal(0, scoped.Evaluations["tagging"].Fail);
        Assert.Equal(1, scoped.Evaluations["tagging"].NotAssessed);
        Assert.Equal(0, scoped.Evaluations["tagging"].Pass);
        Assert.Equal(0, scoped.Evaluations["iam"].Error);
        Assert.Equal(["iam", "quotas", "segregation", "tagging"], scoped.Evaluations.Keys.Order());
    }

    [Fact]
    public void AnUnknownCustomerIsRefused()
    {
        Assert.Throws<ArgumentException>(() => CustomerScope.For(Estate(), "initech"));
    }

    [Fact]
    public async Task ACustomersReportContainsNoAccountIdArnOrNameOfAnotherCustomer()
    {
        var scoped = CustomerScope.For(Estate(), "acme");

        var html = ReportHtml.Readable(await ReportHtml.RenderAsync(scoped, "Acme Foods: guardrails"));
        var json = FindingsJson.ToJson(scoped);

        foreach (var text in new[] { html, json })
        {
            foreach (var secret in new[] { ScanBuilder.GlobexAccount, ScanBuilder.PlatformAccount, GlobexRole, GlobexBucket, "Globex", "globex" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }
            Assert.Contains("acme-orders", text);
            Assert.Contains(ScanBuilder.AcmeSecondAccount, text);
        }
        Assert.Contains("Acme Foods", html);
    }

    [Fact]
    public async Task TheWholeEstatesReportStillNamesEveryCustomer()
    {
        var html = ReportHtml.Readable(await ReportHtml.RenderAsync(Estate()));

        Assert.Contains("Globex Corporation", html);
        Assert.Contains(ScanBuilder.GlobexAccount, html);
        Assert.Contains(ScanBuilder.PlatformAccount, html);
    }
}
