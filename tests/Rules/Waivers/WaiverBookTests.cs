using Microsoft.Extensions.Time.Testing;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Tests.Rules.Waivers;

public sealed class WaiverBookTests
{
    private static readonly DateTimeOffset Before = new(2027, 3, 30, 12, 0, 0, TimeSpan.Zero);

    private static Waiver BreakGlass(string? account = null, string? resource = "arn:aws:iam::111111111111:role/break-glass", string rule = "iam-principal-no-admin-access") => new()
    {
        Rule = rule,
        Account = account,
        Resource = resource,
        Reason = "Break-glass role, MFA-guarded, reviewed by security",
        Owner = "security@acme.example",
        Expires = new DateOnly(2027, 3, 31),
    };

    private static Finding Finding(string arn = "arn:aws:iam::111111111111:role/break-glass", Verdict verdict = Verdict.Fail, string account = "111111111111") => new()
    {
        RuleId = "iam-principal-no-admin-access", Family = "iam", Severity = Severity.Critical, Verdict = verdict,
        ResourceArn = arn, ResourceType = "AWS::IAM::Role", AccountId = account, Region = "global", Message = $"{arn} has admin access",
    };

    [Fact]
    public void AWaivedFailIsSuppressedListedWithTheWaiversReasonOwnerAndExpiry()
    {
        var time = new FakeTimeProvider(Before);

        var (findings, matched) = new WaiverBook([BreakGlass()], time.GetUtcNow()).Apply([Finding()]);

        var finding = Assert.Single(findings);
        Assert.Equal(Verdict.Suppressed, finding.Verdict);
        Assert.Contains("has admin access", finding.Message);
        Assert.Contains("Break-glass role, MFA-guarded", finding.Message);
        Assert.Contains("security@acme.example", finding.Message);
        Assert.Contains("2027-03-31", finding.Message);
        Assert.Equal([0], matched);
    }

    [Fact]
    public void AnExpiredWaiverReopensTheFindingAndSaysSo()
    {
        var time = new FakeTimeProvider(Before);
        var waivers = new[] { BreakGlass() };
        var whileValid = new WaiverBook(waivers, time.GetUtcNow()).Apply([Finding()]).Findings.Single();

        time.Advance(TimeSpan.FromDays(2));
        var (findings, matched) = new WaiverBook(waivers, time.GetUtcNow()).Apply([Finding()]);
        var report = new WaiverBook(waivers, time.GetUtcNow()).Report(matched, ["111111111111"]);

        Assert.Equal(Verdict.Suppressed, whileValid.Verdict);
        var reopened = Assert.Single(findings);
        Assert.Equal(Verdict.Fail, reopened.Verdict);
        Assert.Contains("reopened: its waiver expired on 2027-03-31", reopened.Message);
        Assert.Contains("expired on 2027-03-31", Assert.Single(report.Expired).Note);
        Assert.Empty(report.Stale);
    }

    [Fact]
    public void AWaiverHoldsThroughTheWholeOfItsLastDayInUtcAndNotASecondLonger()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 31, 23, 59, 59, TimeSpan.Zero));
        var waivers = new[] { BreakGlass() };
        var lastSecond = new WaiverBook(waivers, time.GetUtcNow()).Apply([Finding()]).Findings.Single();
        time.Advance(TimeSpan.FromSeconds(1));
        var nextDay = new WaiverBook(waivers, time.GetUtcNow()).Apply([Finding()]).Findings.Single();

        Assert.Equal(Verdict.Suppressed, lastSecond.Verdict);
        Assert.Equal(Verdict.Fail, nextDay.Verdict);
    }

    [Fact]
    public void AWaiverThatMatchesNothingIsReportedAsStale()
    {
        var book = new WaiverBook([BreakGlass(), BreakGlass(resource: "arn:aws:iam::111111111111:role/deleted-long-ago")], Before);
        var (_, matched) = book.Apply([Finding()]);

        var report = book.Report(matched, ["111111111111"]);

        var stale = Assert.Single(report.Stale);
        Assert.Equal("arn:aws:iam::111111111111:role/deleted-long-ago", stale.Waiver.Resource);
        Assert.Contains("matches no failing finding", stale.Note);
    }

    [Fact]
    public void AWaiverOfAnotherCustomersAccountIsNotStaleInThisCustomersScan()
    {
        var book = new WaiverBook([BreakGlass(resource: "arn:aws:iam::333333333333:role/break-glass"), BreakGlass(account: "3333*", resource: null)], Before);

        var report = book.Report([], ["111111111111"]);

        Assert.Empty(report.Stale);
    }

    [Fact]
    public void OnlyAFailIsWaivedAnErrorOrNotAssessedStaysAsItIs()
    {
        var (findings, matched) = new WaiverBook([BreakGlass()], Before).Apply([Finding(verdict: Verdict.Error), Finding(verdict: Verdict.NotAssessed)]);

        Assert.Equal([Verdict.Error, Verdict.NotAssessed], findings.Select(f => f.Verdict));
        Assert.Empty(matched);
    }

    [Theory]
    [InlineData("iam-*", null, "arn:aws:iam::111111111111:role/break-*", true)]
    [InlineData("iam-principal-no-admin-access", "111111111111", null, true)]
    [InlineData("iam-principal-no-admin-access", "1111????????", null, true)]
    [InlineData("iam-principal-no-admin-access", "222222222222", null, false)]
    [InlineData("tagging-*", "111111111111", null, false)]
    [InlineData("iam-principal-no-admin-access", "111111111111", "arn:aws:iam::111111111111:role/other", false)]
    [InlineData("iam-principal-no-admin-access", null, "arn:aws:iam::*:role/break-glass", true)]
    public void RulesAccountsAndResourcesMatchByPattern(string rule, string? account, string? resource, bool matches)
    {
        var waiver = BreakGlass(account, resource, rule);

        Assert.Equal(matches, waiver.Matches(Finding()));
    }
}
