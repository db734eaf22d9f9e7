using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>`guardrails collect` against the test server writes what the server serves, page by page.</summary>
public sealed class CollectSnapshotTests
{
    [Fact]
    public async Task CollectingTenAccountsInTwoRegionsReadsBackToTheResourcesTheServerServed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 10, resourcesPerRegion: 30);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        var collected = harness.ReadCollected();
        var served = harness.ReadServed();
        Assert.Empty(collected.Errors);
        Assert.Empty(collected.Gaps);
        var expected = CollectionHarness.Describe(served);
        var actual = CollectionHarness.Describe(collected);
        // Per account: 2 regions of 30, 6 IAM entities, and the root user (the credential report's first row).
        Assert.Equal(10 * 2 * 30 + 10 * 6 + 10, expected.Count(r => !r.Value.Contains("AWS::ServiceQuotas::Quota", StringComparison.Ordinal)));
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (arn, description) in expected)
        {
            Assert.True(description == actual[arn], $"{arn}\nserved:    {description}\ncollected: {actual[arn]}");
        }
    }

    [Fact]
    public async Task WithHalfTheCallsThrottledAndSomeKeysUnprocessedNoPageIsLost()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 10, resourcesPerRegion: 30);
        harness.Server.Faults.ThrottleFraction = 0.5;
        harness.Server.Faults.ServerErrorFraction = 0.05;
        harness.Server.Faults.UnprocessedFraction = 0.2;
        harness.Server.Faults.ThrottleSts = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        Assert.True(summary.Statistics!.Throttles > summary.Statistics!.Requests / 3, $"{summary.Statistics!.Throttles} of {summary.Statistics!.Requests} requests throttled");
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(harness.ReadCollected()));
    }

    [Fact]
    public async Task AssumeRoleDeniedInTwoAccountsGivesExactlyThoseTwoGaps()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 10);
        var denied = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).Skip(3).Take(2).ToList();
        denied.ForEach(account => harness.Server.Faults.DeniedAssumeRole[account] = true);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Equal(denied, summary.Gaps.Select(g => g.AccountId));
        Assert.All(summary.Gaps, gap =>
        {
            Assert.Equal(CoverageGap.Sources.AssumeRole, gap.Source);
            Assert.Null(gap.Region);
            Assert.Contains("AccessDenied", gap.Reason, StringComparison.Ordinal);
        });
        var snapshot = harness.ReadCollected();
        Assert.Equal(denied, snapshot.Gaps.Select(g => g.AccountId));
        Assert.DoesNotContain(snapshot.Resources, r => denied.Contains(r.AccountId));
        Assert.Equal(8, snapshot.Resources.Select(r => r.AccountId).Distinct().Count());
    }

    /// <summary>The Logs, Glue, Lambda layer and DynamoDB policies, the EBS snapshots and the AMIs: each its own gap.</summary>
    private static readonly string[] ServiceResourcePolicyGaps =
        [Ocado.Guardrails.Rules.Resources.ServiceResourcePolicies.LogsSource, Ocado.Guardrails.Rules.Resources.ServiceResourcePolicies.GlueSource,
         Ocado.Guardrails.Rules.Resources.ServiceResourcePolicies.LambdaLayersSource, Ocado.Guardrails.Rules.Resources.ServiceResourcePolicies.DynamoDbSource,
         Ocado.Guardrails.Rules.Resources.ServiceResourcePolicies.Ec2SnapshotsSource, Ocado.Guardrails.Rules.Resources.ServiceResourcePolicies.Ec2ImagesSource];

    [Fact]
    public async Task ADeniedServiceAndADisabledRegionAreGapsWhileTheRestIsCollected()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        harness.Server.Faults.DeniedServices[(accounts[0], "iam")] = true;
        harness.Server.Faults.DisabledRegions[(accounts[1], "eu-central-1")] = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Contains(summary.Gaps, g => g.AccountId == accounts[0] && g.Source == CoverageGap.Sources.Iam && g.Reason.StartsWith("access denied", StringComparison.Ordinal));
        var disabled = summary.Gaps.Where(g => g.AccountId == accounts[1]).ToList();
        Assert.Equal(new[] { CoverageGap.Sources.Config, CoverageGap.Sources.Network, CoverageGap.Sources.Ram, CoverageGap.Sources.Quotas, CoverageGap.Sources.Tagging }.Concat(ServiceResourcePolicyGaps).Order(StringComparer.Ordinal),
            disabled.Select(g => g.Source).Order(StringComparer.Ordinal));
        Assert.All(disabled, g => Assert.Equal("eu-central-1", g.Region));
        Assert.All(disabled, g => Assert.StartsWith("region not enabled", g.Reason, StringComparison.Ordinal));
        Assert.Equal(6 + ServiceResourcePolicyGaps.Length, summary.Gaps.Count);
        Assert.Contains(harness.ReadCollected().Resources, r => r.AccountId == accounts[1] && r.Region == "eu-west-1");
    }
}
