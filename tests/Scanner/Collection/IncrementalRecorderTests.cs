using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `collect --since`: the Config recorder's status and recording group are written into every snapshot; a second night
/// copies them from the previous one unless CloudTrail's event history shows a call that changes a recorder (or cannot
/// be read, or the previous copy is unusable), and asks AWS for them then. What it copies it trusts as it would the answer.
/// </summary>
public sealed class IncrementalRecorderTests
{
    private static readonly string[] RecorderOperations = ["DescribeConfigurationRecorderStatus", "DescribeConfigurationRecorders"];

    [Fact]
    public async Task ASecondNightCopiesTheRecorderUnlessARecorderCallIsInTheHistoryOrItsCopyCannotBeUsed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 6);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        var (stopped, unrelated, unreadable) = (accounts[0], accounts[1], accounts[2]);
        // Stopped, as CloudTrail records it; a Config call that leaves the recorder alone; the event history denied.
        harness.Server.Faults.RecorderStopped[(stopped, "eu-west-1")] = true;
        harness.Server.Estate.Accounts[stopped].RecordEvent("eu-west-1", "config.amazonaws.com", "StopConfigurationRecorder");
        harness.Server.Estate.Accounts[unrelated].RecordEvent("eu-west-1", "config.amazonaws.com", "PutEvaluations");
        harness.Server.Faults.DeniedServices[(unreadable, "cloudtrail")] = true;
        // The previous copy of one region malformed.
        File.WriteAllText(ConfigRecorder.File(Path.Combine(first, unrelated), "eu-central-1", status: true), "{\"ConfigurationRecordersStatus\": 7}");
        EstateChurn.Apply(harness.Server.Estate, 0.2, DateTimeOffset.UtcNow);

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "config");

        Assert.Empty(summary.Gaps);
        List<(string, string)> described = [(stopped, "eu-west-1"), (unrelated, "eu-central-1"), (unreadable, "eu-central-1"), (unreadable, "eu-west-1")];
        foreach (var operation in RecorderOperations)
        {
            Assert.Equal(described, calls.Where(c => c.Operation == operation).Select(c => (c.Account, c.Region)).Order());
        }
        // The stopped recorder is seen (its region collected in full); the copies are trusted, and the night scans as a full one.
        var config = summary.Incremental!.Full.Where(f => f.Source == CoverageGap.Sources.Config).ToList();
        Assert.Equal([(stopped, "eu-west-1")], config.Select(f => (f.AccountId, f.Region)));
        Assert.Contains("not recording", config[0].Reason, StringComparison.Ordinal);
        Assert.Equal(CollectionHarness.Describe(harness.ReadCollected(full)), CollectionHarness.Describe(harness.ReadCollected(second)));
        // Every region's recorder is in the second snapshot, the copied ones as the first night wrote them.
        foreach (var account in accounts)
        {
            foreach (var region in new[] { "eu-central-1", "eu-west-1" })
            {
                foreach (var status in new[] { true, false })
                {
                    var copy = File.ReadAllText(ConfigRecorder.File(Path.Combine(second, account), region, status));
                    Assert.Equal(File.ReadAllText(ConfigRecorder.File(Path.Combine(full, account), region, status)), copy);
                    if (!described.Contains((account, region)))
                    {
                        Assert.Equal(File.ReadAllText(ConfigRecorder.File(Path.Combine(first, account), region, status)), copy);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task AThirdNightTrustsTheCopyTheSecondWroteAndSeesARestartAnnouncedSince()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 4);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        var nights = Enumerable.Range(1, 3).Select(n => Path.Combine(harness.Output.Path, $"night-{n}")).ToList();
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: nights[0]);
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: nights[1], since: nights[0]);
        harness.Server.Faults.RecorderStartedAt[(accounts[1], "eu-central-1")] = DateTimeOffset.UtcNow;
        harness.Server.Estate.Accounts[accounts[1]].RecordEvent("eu-central-1", "config.amazonaws.com", "StartConfigurationRecorder");
        harness.Server.ClearRequests();

        var third = await harness.CollectAsync(CollectionHarness.FastSettings(), directory: nights[2], since: nights[1]);

        Assert.Empty(third.Gaps);
        Assert.Equal([(accounts[1], "eu-central-1"), (accounts[1], "eu-central-1")],
            harness.Server.Requests.Where(r => RecorderOperations.Contains(r.Operation)).Select(r => (r.Account, r.Region)));
        Assert.Equal([(accounts[1], "eu-central-1")], third.Incremental!.Full.Where(f => f.Source == CoverageGap.Sources.Config).Select(f => (f.AccountId, f.Region)));
    }

    [Theory]
    [InlineData("config.amazonaws.com", "PutConfigurationRecorder", true)]
    [InlineData("config.amazonaws.com", "DeleteServiceLinkedConfigurationRecorder", true)]
    [InlineData("config.amazonaws.com", "AssociateResourceTypes", true)]
    [InlineData("config.amazonaws.com", "StopConfigurationRecorder", true)]
    [InlineData("config.amazonaws.com", "PutEvaluations", false)]
    [InlineData("config.amazonaws.com", "PutConfigRule", false)]
    [InlineData("ec2.amazonaws.com", "StopConfigurationRecorder", false)]
    public void OnlyACallOfConfigNamingRecordersOrTheirResourceTypesChangesTheRecorder(string source, string name, bool changes) =>
        Assert.Equal(changes, ConfigRecorder.Changes(new TrailEvent(source, name)));
}
