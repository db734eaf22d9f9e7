using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Engine;

/// <summary>What a scan counts while it evaluates, passes included, whatever findings it keeps.</summary>
public sealed class ScanCountsTests
{
    private static Rule Rule(string id, params string[] controls) => new(new RuleHeader
    {
        Id = id, Title = id, Severity = Severity.High, ResourceTypes = ["*"], Remediation = "Fix it.", Controls = controls,
    }, id + ".csx", () => throw new InvalidOperationException("the counter runs no rule"));

    private static void Resource(ScanCounter counter, string account, params Verdict[] verdicts)
    {
        counter.BeginResource(account);
        for (var i = 0; i < verdicts.Length; i++)
        {
            counter.Add(i, verdicts[i]);
        }
        counter.EndResource();
    }

    [Fact]
    public void AResourcePassesAControlOnlyWhenEveryRuleOfTheControlPassedIt()
    {
        var counter = new ScanCounter([
            Rule("iam-a", "CIS AWS Foundations 1.16", "AWS FSBP IAM.1"),
            Rule("iam-b", "CIS AWS Foundations 1.16"),
            Rule("tagging-c", "n/a (no CIS or FSBP control covers tags)")]);

        Resource(counter, "111111111111", Verdict.Pass, Verdict.Fail, Verdict.Pass);
        Resource(counter, "111111111111", Verdict.Pass, Verdict.Pass, Verdict.Fail);
        Resource(counter, "111111111111", Verdict.NotAssessed, Verdict.Skip, Verdict.Pass);
        Resource(counter, "222222222222", Verdict.Pass, Verdict.Error, Verdict.Skip);
        var counts = new ScanCounts();
        counter.AddTo(counts);

        var first = counts.Accounts["111111111111"];
        Assert.Equal((1, 1, 1), Tally(first.Controls["CIS AWS Foundations 1.16"]));
        Assert.Equal((2, 0, 1), Tally(first.Controls["AWS FSBP IAM.1"]));
        Assert.Equal(2, first.Controls.Count);
        Assert.Equal((2, 0, 1), (first.Rules["iam-a"].Pass, first.Rules["iam-a"].Fail, first.Rules["iam-a"].NotAssessed));
        Assert.Equal((1, 1, 1), (first.Rules["iam-b"].Pass, first.Rules["iam-b"].Fail, first.Rules["iam-b"].Skip));
        Assert.Equal((0, 1, 0), Tally(counts.Accounts["222222222222"].Controls["CIS AWS Foundations 1.16"]));
        Assert.Equal(1, counts.Accounts["222222222222"].Rules["iam-b"].Error);
    }

    private static (int Passing, int Failing, int NotAssessed) Tally(ControlCounts c) => (c.Passing, c.Failing, c.NotAssessed);

    [Fact]
    public void CountsAddUpAndTheCountsOfSomeAccountsLeaveTheOthersOut()
    {
        var a = new ScanCounts();
        a.For("111111111111").Rule("iam-a").Pass = 2;
        a.For("222222222222").Control("AWS FSBP IAM.1").Failing = 1;
        var b = new ScanCounts();
        b.For("111111111111").Rule("iam-a").Pass = 3;
        b.For("111111111111").Rule("iam-a").Fail = 1;

        a.Add(b);
        a.Suppress("111111111111", "iam-a", Verdict.Fail);
        var only = a.Only(["111111111111", "333333333333"]);

        Assert.Equal((5, 0, 1), (a.Accounts["111111111111"].Rules["iam-a"].Pass, a.Accounts["111111111111"].Rules["iam-a"].Fail, a.Accounts["111111111111"].Rules["iam-a"].Suppressed));
        Assert.Equal(["111111111111"], only.Accounts.Keys);
    }

    private static async Task<ScanResult> ScanAsync(TinyEstate estate)
    {
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var options = new ScanOptions { SnapshotDirectory = estate.Directory, ConfigPath = estate.ConfigPath, OutputDirectory = estate.Directory, RulePaths = [] };
        var pipeline = new ScanPipeline(config, Support.Catalog.Rules, TimeProvider.System, ScanProgress.Silent);
        return (await pipeline.EvaluateAsync(options, TestContext.Current.CancellationToken)).Result;
    }

    [Fact]
    public async Task AScanWithoutPassesKeptStillCountsThemPerAccountAndRule()
    {
        using var estate = new TinyEstate().Compliant("logs").Compliant("assets").Untagged("reports").Write();

        var result = await ScanAsync(estate);

        Assert.DoesNotContain(result.Findings, f => f.Verdict == Verdict.Pass);
        var required = result.Counts!.Accounts[TinyEstate.Account].Rules["tagging-required-tags"];
        Assert.Equal((2, 1), (required.Pass, required.Fail));
        // Every evaluation is counted once: the counts add up to the summary, family by family.
        foreach (var (family, summary) in result.Evaluations)
        {
            var rules = result.Counts.Accounts.Values.SelectMany(a => a.Rules).Where(r => r.Key.StartsWith(family + "-", StringComparison.Ordinal)).Select(r => r.Value).ToList();
            Assert.Equal(
                (summary.Pass, summary.Fail, summary.Error, summary.Skip, summary.NotAssessed, summary.Suppressed),
                (rules.Sum(r => r.Pass), rules.Sum(r => r.Fail), rules.Sum(r => r.Error), rules.Sum(r => r.Skip), rules.Sum(r => r.NotAssessed), rules.Sum(r => r.Suppressed)));
        }
    }

    [Fact]
    public async Task AnAccountOutOfReachCountsEachControlOnceAsNotAssessed()
    {
        using var estate = new TinyEstate().Compliant("logs").Write();

        var result = await ScanAsync(estate);

        var unread = result.Counts!.Accounts[TinyEstate.OtherAccount];
        Assert.NotEmpty(unread.Controls);
        Assert.All(unread.Controls.Values, c => Assert.Equal((0, 0, 1), Tally(c)));
        Assert.All(unread.Rules.Values, r => Assert.Equal(0, r.Pass + r.Fail));
        Assert.Contains(result.Counts.Accounts[TinyEstate.Account].Controls, c => c.Key == "AWS FSBP S3.2" && c.Value.Passing == 1);
    }

    [Fact]
    public async Task AWaivedFailIsCountedAsSuppressed()
    {
        using var estate = new TinyEstate
        {
            Extra = """
                waivers:
                  - rule: tagging-required-tags
                    resource: "arn:aws:s3:::legacy-*"
                    reason: Legacy buckets
                    owner: platform@acme.example
                    expires: 2099-12-31
                """,
        }.Untagged("legacy-logs").Untagged("reports").Write();

        var result = await ScanAsync(estate);

        var required = result.Counts!.Accounts[TinyEstate.Account].Rules["tagging-required-tags"];
        Assert.Equal((1, 1), (required.Fail, required.Suppressed));
    }
}
