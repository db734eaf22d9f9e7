using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>With an aggregator, Config comes from the aggregator account, and no account is asked for Config itself.</summary>
public sealed class CollectAggregatorTests
{
    [Fact]
    public async Task ConfigIsReadFromTheAggregatorAndTheSnapshotIsTheSame()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 15);
        var estate = harness.Server.Estate;
        var settings = CollectionHarness.FastSettings();
        settings = new AwsSettings
        {
            ExternalId = settings.ExternalId, RequestsPerSecond = settings.RequestsPerSecond, MaxAttempts = settings.MaxAttempts,
            BaseDelay = settings.BaseDelay, MaxDelay = settings.MaxDelay, AccountConcurrency = settings.AccountConcurrency,
            Aggregator = new AggregatorSettings(estate.AggregatorName, estate.CallerAccount, "eu-west-1"),
        };

        var summary = await harness.CollectAsync(settings);

        Assert.Empty(summary.Gaps);
        // Every Config call is the aggregator's, but for the account's recorder described into the snapshot (what it records, for a second night).
        var config = harness.Server.Requests.Where(r => r.Service == "config" && r.Operation != "DescribeConfigurationRecorders").ToList();
        Assert.All(config, r => Assert.Equal(estate.CallerAccount, r.Account));
        Assert.Contains(config, r => r.Operation == "SelectAggregateResourceConfig");
        Assert.Contains(config, r => r.Operation == "BatchGetAggregateResourceConfig");
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(harness.ReadCollected()));
    }

    [Fact]
    public async Task AnAccountWhoseRoleIsDeniedStillHasItsConfigFromTheAggregator()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var estate = harness.Server.Estate;
        var denied = estate.Accounts.Keys.Order(StringComparer.Ordinal).First();
        harness.Server.Faults.DeniedAssumeRole[denied] = true;
        var fast = CollectionHarness.FastSettings();
        var settings = new AwsSettings
        {
            ExternalId = fast.ExternalId, RequestsPerSecond = fast.RequestsPerSecond, BaseDelay = fast.BaseDelay, MaxDelay = fast.MaxDelay,
            Aggregator = new AggregatorSettings(estate.AggregatorName, estate.CallerAccount, "eu-west-1"),
        };

        var summary = await harness.CollectAsync(settings);

        var gap = Assert.Single(summary.Gaps);
        Assert.Equal((denied, CoverageGap.Sources.AssumeRole), (gap.AccountId, gap.Source));
        Assert.Contains(harness.ReadCollected().Resources, r => r.AccountId == denied && r.Type == "AWS::S3::Bucket");
    }
}
