using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `collect --since`: a second night asks AWS Config only for what changed, and its snapshot scans to exactly the findings
/// of a full collection of the same state, directly and through the aggregator.
/// </summary>
public sealed class IncrementalCollectionTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false, false, 10_000)]
    [InlineData(true, false, 4000)]
    [InlineData(false, true, 4000)]
    public async Task ASecondNightWithOnePercentChangedMakesAtMostATenthOfTheCallsAndScansToTheFindingsOfAFullCollection(bool aggregator, bool deletedHidden, int resources)
    {
        // AWS's own page sizes: a second night's floor is 4 calls per account and 7 to 10 per region (docs/collect.md,
        // "Incremental collection": one of them CloudTrail's event history, which spares AWS RAM, the Logs, Glue and Lambda
        // layer policies, snapshots and AMIs where no call changed them; up to 3 the EC2 network's outputs Config does not
        // watch; those it watches are copied unless their types changed); the tenth is asserted at 10,000 resources a region.
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: resources, maxPage: 100);
        harness.Server.Faults.DeletedHiddenFromQuery = deletedHidden;
        var settings = Settings(harness, aggregator);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(settings, directory: first);
        var firstCalls = harness.Server.Requests.Count;

        var churn = EstateChurn.Apply(harness.Server.Estate, 0.01, DateTimeOffset.UtcNow);
        harness.Server.ClearRequests();
        var second = Path.Combine(harness.Output.Path, "night-2");
        var summary = await harness.CollectAsync(settings, directory: second, since: first);
        var secondCalls = harness.Server.RequestsPerOperation();
        var full = Path.Combine(harness.Output.Path, "night-2-full");
        await harness.CollectAsync(settings, directory: full);

        Assert.Empty(summary.Gaps);
        Assert.Empty(summary.Incremental!.Full);
        Assert.True(churn.Changed > 0 && churn.Added > 0 && churn.Deleted > 0);
        var calls = $"second night {secondCalls.Values.Sum()} calls, first {firstCalls}: {string.Join(", ", secondCalls.Select(c => $"{c.Key} {c.Value}"))}";
        TestContext.Current.TestOutputHelper?.WriteLine(calls);
        if (!aggregator && !deletedHidden)
        {
            Assert.True(secondCalls.Values.Sum() <= firstCalls / 10, calls);
        }
        else
        {
            // Where the query does not name deleted resources (an aggregator), each type with a deletion is listed again:
            // every one of this estate's six types, every night. Still far below a full night.
            Assert.True(secondCalls.Values.Sum() <= firstCalls / 2, calls);
        }
        Assert.Equal(CollectionHarness.Describe(harness.ReadCollected(full)), CollectionHarness.Describe(harness.ReadCollected(second)));
        var expected = Scan(harness.ReadCollected(full), harness.Estate);
        Assert.Contains(expected, f => f.Verdict == Verdict.Fail);
        Assert.Equal(expected.Select(Describe), Scan(harness.ReadCollected(second), harness.Estate).Select(Describe));
        // And it is the served state, not merely the full collection's.
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(harness.ReadCollected(second)));
    }

    [Fact]
    public async Task WithoutAPreviousCollectionFileEverythingIsCollectedInFullAndCollectionJsonSaysSo()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var first = Path.Combine(harness.Output.Path, "night-1");
        Directory.CreateDirectory(first);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings(), since: first);

        Assert.True(summary.Incremental!.AllFull);
        Assert.Contains("has no collection.json", harness.Log.ToString(), StringComparison.Ordinal);
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(harness.SnapshotDirectory, "collection.json")));
        Assert.True(written.RootElement.GetProperty("incremental").GetProperty("allFull").GetBoolean());
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(harness.ReadCollected()));
    }

    [Fact]
    public async Task APreviousSnapshotFromAnotherConfigSourceOrFromTheFutureIsNotTrusted()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);

        var fromAggregator = await harness.CollectAsync(Settings(harness, aggregator: true), directory: Path.Combine(harness.Output.Path, "a"), since: first);
        Assert.True(fromAggregator.Incremental!.AllFull);
        Assert.Contains("read Config from direct, this collection from aggregator", harness.Log.ToString(), StringComparison.Ordinal);

        var file = Path.Combine(first, "collection.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"collectedAt\": \"20", "\"collectedAt\": \"29", StringComparison.Ordinal));
        var skewed = await harness.CollectAsync(CollectionHarness.FastSettings(), directory: Path.Combine(harness.Output.Path, "b"), since: first);
        Assert.True(skewed.Incremental!.AllFull);
        Assert.Contains("(clock skew)", harness.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(harness.ReadCollected(Path.Combine(harness.Output.Path, "b"))));
    }

    [Fact]
    public async Task EachPartThatCannotBeTrustedIsCollectedInFullAndTheRestIncrementally()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 30);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        var first = Path.Combine(harness.Output.Path, "night-1");
        harness.Server.Faults.DeniedServices[(accounts[0], "config")] = true;
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        harness.Server.Faults.DeniedServices.Clear();
        // A gap last night (accounts[0]), a malformed previous file (accounts[1]), the recorder off (accounts[2], eu-west-1),
        // the recorder restarted since (accounts[3], eu-central-1).
        File.WriteAllText(SnapshotLayout.ConfigFile(Path.Combine(first, accounts[1]), "eu-west-1"), "{\"baseConfigurationItems\": [{\"resourceType\": 7}]}");
        harness.Server.Faults.RecorderStopped[(accounts[2], "eu-west-1")] = true;
        harness.Server.Estate.Accounts[accounts[2]].RecordEvent("eu-west-1", "config.amazonaws.com", "StopConfigurationRecorder");
        harness.Server.Faults.RecorderStartedAt[(accounts[3], "eu-central-1")] = DateTimeOffset.UtcNow;
        harness.Server.Estate.Accounts[accounts[3]].RecordEvent("eu-central-1", "config.amazonaws.com", "StartConfigurationRecorder");
        EstateChurn.Apply(harness.Server.Estate, 0.1, DateTimeOffset.UtcNow);

        var second = Path.Combine(harness.Output.Path, "night-2");
        var summary = await harness.CollectAsync(CollectionHarness.FastSettings(), directory: second, since: first);

        var config = summary.Incremental!.Full.Where(f => f.Source == CoverageGap.Sources.Config).ToList();
        Assert.Equal(
            [(accounts[0], "eu-central-1"), (accounts[0], "eu-west-1"), (accounts[1], "eu-west-1"), (accounts[2], "eu-west-1"), (accounts[3], "eu-central-1")],
            config.Select(f => (f.AccountId, f.Region)));
        Assert.Contains("the previous snapshot has a gap there (config: access denied", config[0].Reason, StringComparison.Ordinal);
        Assert.Contains("the previous file is unusable", config[2].Reason, StringComparison.Ordinal);
        Assert.Contains("not recording", config[3].Reason, StringComparison.Ordinal);
        Assert.Contains("(re)started since", config[4].Reason, StringComparison.Ordinal);
        // Tags follow Config: where Config was read in full, so were they.
        Assert.Equal(config.Select(f => (f.AccountId, f.Region)),
            summary.Incremental.Full.Where(f => f.Source == CoverageGap.Sources.Tagging).Select(f => (f.AccountId, f.Region)));
        Assert.Empty(summary.Gaps);
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(harness.ReadCollected(second)));
        // The previous snapshot is never changed.
        Assert.Contains("\"resourceType\": 7", File.ReadAllText(SnapshotLayout.ConfigFile(Path.Combine(first, accounts[1]), "eu-west-1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAggregatorSourceWhoseLastUpdateFailedIsCollectedInFull()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 20);
        var settings = Settings(harness, aggregator: true);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(settings, directory: first);
        var failed = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).First();
        harness.Server.Faults.AggregatorSourceFailed[(failed, "eu-central-1")] = true;
        EstateChurn.Apply(harness.Server.Estate, 0.1, DateTimeOffset.UtcNow);

        var second = Path.Combine(harness.Output.Path, "night-2");
        var summary = await harness.CollectAsync(settings, directory: second, since: first);

        var full = Assert.Single(summary.Incremental!.Full, f => f.Source == CoverageGap.Sources.Config);
        Assert.Equal((failed, "eu-central-1"), (full.AccountId, full.Region));
        Assert.Contains("FAILED", full.Reason, StringComparison.Ordinal);
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(harness.ReadCollected(second)));
    }

    private static AwsSettings Settings(CollectionHarness harness, bool aggregator)
    {
        var fast = CollectionHarness.FastSettings();
        return new AwsSettings
        {
            ExternalId = fast.ExternalId, RequestsPerSecond = fast.RequestsPerSecond, Burst = fast.Burst, MaxAttempts = fast.MaxAttempts,
            BaseDelay = fast.BaseDelay, MaxDelay = fast.MaxDelay, AccountConcurrency = fast.AccountConcurrency, RequestTimeout = fast.RequestTimeout,
            CredentialReportTimeout = fast.CredentialReportTimeout,
            Aggregator = aggregator ? new AggregatorSettings(harness.Server.Estate.AggregatorName, harness.Server.Estate.CallerAccount, "eu-west-1") : null,
        };
    }

    private static List<Finding> Scan(Snapshot snapshot, Estate estate)
    {
        // Two scans compared finding by finding: a rule's 2 s time budget, which a loaded CI machine can exceed for the
        // evaluation that first reads an account's policies, would make one of them an Error. Budgets have their own tests.
        var evaluator = new Evaluator(Support.Catalog.Rules, estate, new Inventory(snapshot.Resources), _ => RuleParams.Empty, Now, budget: TimeSpan.FromMinutes(1));
        var scan = new ScanEvaluator(evaluator, estate, snapshot.Gaps) { IncludePasses = true };
        return scan.Run(snapshot.Resources, TestContext.Current.CancellationToken).Findings;
    }

    private static string Describe(Finding finding) => $"{finding.RuleId} {finding.ResourceArn} {finding.Verdict}: {finding.Message}";
}
