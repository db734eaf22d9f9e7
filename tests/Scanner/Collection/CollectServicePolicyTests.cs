using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `guardrails collect` reads the resource policies Config does not record (Logs, Glue, Lambda layers) per account and
/// region into logs/, glue/ and lambda/; a scan reads them back and the segregation rules judge them.
/// </summary>
public sealed class CollectServicePolicyTests
{
    private const string Region = "eu-west-1";
    private const int Count = 3;

    private static readonly string[] Rules =
        ["segregation-log-resource-policy-no-foreign-access", "segregation-glue-catalog-policy-no-foreign-access", "segregation-layer-policy-no-foreign-access"];

    [Fact]
    public async Task EveryPolicyIsCollectedAcrossPagesAndAGrantToAnotherCustomerFailsItsRule()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        // Customers are pairs of accounts: the first's policies let in its own customer's other account, except the
        // first policy of each kind, which lets in another customer's account.
        var (owner, sameCustomer, otherCustomer) = (accounts[0], accounts[1], accounts[2]);
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[owner], Region, Count, i => i == 0 ? otherCustomer : sameCustomer);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        var collected = harness.ReadCollected();
        Assert.Empty(collected.Errors);
        // DynamoDB's tables and streams have their own tests (CollectDynamoDbTests): Config records tables too.
        foreach (var type in new[] { ServiceResourcePolicies.LogsResourcePolicy, ServiceResourcePolicies.GlueResourcePolicy, ServiceResourcePolicies.LayerVersion })
        {
            var read = collected.Resources.Where(r => r.Type == type).ToList();
            Assert.Equal(Count, read.Count);
            Assert.All(read, r => Assert.Equal((owner, Region), (r.AccountId, r.Region)));
        }
        var findings = Scan(collected, harness);
        foreach (var rule in Rules)
        {
            var failed = Assert.Single(findings, f => f.RuleId == rule && f.Verdict == Verdict.Fail);
            Assert.Contains(otherCustomer, failed.Message, StringComparison.Ordinal);
            Assert.Equal(Count - 1, findings.Count(f => f.RuleId == rule && f.Verdict == Verdict.Pass));
        }
        // Every account and region got its files, empty where there is nothing; a layer without a policy has {}.
        Assert.All(accounts.SelectMany(a => harness.Estate.Regions.Select(r => SnapshotLayout.Account(harness.SnapshotDirectory, a) is var dir
                ? new[] { SnapshotLayout.LogsPoliciesFile(dir, r), SnapshotLayout.GluePoliciesFile(dir, r), SnapshotLayout.LayersFile(dir, r) }
                : [])).SelectMany(f => f),
            file => Assert.True(File.Exists(file), file));
        var noPolicy = SnapshotLayout.LayerPolicyFile(SnapshotLayout.Account(harness.SnapshotDirectory, owner), Region, ServedPolicyPlant.LayerName(Count - 1), 3);
        Assert.Equal("{}", File.ReadAllText(noPolicy).Trim());
    }

    [Fact]
    public async Task LambdaDeniedIsAGapPerRegionThatLeavesOnlyTheLayersNotAssessed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var account = harness.Estate.Accounts.Order(StringComparer.Ordinal).First();
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[account], Region, Count);
        harness.Server.Faults.DeniedServices[(account, "lambda")] = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Equal(harness.Estate.Regions.Order(StringComparer.Ordinal), summary.Gaps.Select(g => g.Region!).Order(StringComparer.Ordinal));
        Assert.All(summary.Gaps, gap =>
        {
            Assert.Equal((account, ServiceResourcePolicies.LambdaLayersSource), (gap.AccountId, gap.Source));
            Assert.Contains("AccessDenied", gap.Reason, StringComparison.Ordinal);
            Assert.True(gap.Covers(account, gap.Region!, ServiceResourcePolicies.LayerVersion));
            Assert.False(gap.Covers(account, gap.Region!, ServiceResourcePolicies.LogsResourcePolicy));
            Assert.False(gap.Covers(account, gap.Region!, "AWS::S3::Bucket"));
        });
        var collected = harness.ReadCollected();
        Assert.DoesNotContain(collected.Resources, r => r.Type == ServiceResourcePolicies.LayerVersion);
        Assert.Equal(Count, collected.Resources.Count(r => r.Type == ServiceResourcePolicies.LogsResourcePolicy));
        var findings = Scan(collected, harness);
        // The layers' rule is NotAssessed for the account in each region; the Logs and Glue rules still judge.
        Assert.Equal(harness.Estate.Regions.Order(StringComparer.Ordinal),
            findings.Where(f => f.RuleId == Rules[2] && f.Verdict == Verdict.NotAssessed && f.AccountId == account).Select(f => f.Region).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(findings, f => Rules.Contains(f.RuleId) && f.RuleId != Rules[2] && f.Verdict == Verdict.NotAssessed);
        Assert.Equal(Count, findings.Count(f => f.RuleId == Rules[0] && f.Verdict is Verdict.Pass or Verdict.Fail));
    }

    [Fact]
    public async Task AConfigGapLeavesTheServicePoliciesJudged()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var account = harness.Estate.Accounts.Order(StringComparer.Ordinal).First();
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[account], Region, Count);
        harness.Server.Faults.DeniedServices[(account, "config")] = true;

        await harness.CollectAsync(CollectionHarness.FastSettings());

        var collected = harness.ReadCollected();
        Assert.Contains(collected.Gaps, g => g.Source == CoverageGap.Sources.Config && g.AccountId == account);
        var findings = Scan(collected, harness);
        Assert.All(Rules, rule => Assert.Equal(Count, findings.Count(f => f.RuleId == rule && f.AccountId == account && f.Verdict is Verdict.Pass or Verdict.Fail)));
    }

    private static List<Finding> Scan(Snapshot snapshot, CollectionHarness harness)
    {
        var evaluator = new Evaluator(Support.Catalog.Rules, harness.Estate, new Inventory(snapshot.Resources), _ => RuleParams.Empty, DateTimeOffset.UtcNow);
        var scan = new ScanEvaluator(evaluator, harness.Estate, snapshot.Gaps) { IncludePasses = true };
        return scan.Run(snapshot.Resources, TestContext.Current.CancellationToken).Findings;
    }
}
