using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Tests.AwsServer;
using static Ocado.Guardrails.Tests.AwsServer.ServedSharingPlant;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `collect --since`: AWS RAM, the Logs, Glue and Lambda layer policies, EBS snapshots and AMIs have no change feed of
/// their own; a second night asks CloudTrail's event history once a region which of them a write call changed, reads
/// those and copies the rest; when the history cannot be read (denied, malformed) every one of them is read in full, and
/// collection.json says why.
/// </summary>
public sealed class IncrementalTrailTests
{
    private const string Changed = "eu-west-1";

    private static readonly string[] SourceOperations =
        ["ram:GetResourceShares", "logs:DescribeResourcePolicies", "glue:GetResourcePolicies", "lambda:ListLayers", "ec2:DescribeSnapshots", "ec2:DescribeImages"];

    [Fact]
    public async Task AWriteEventOfEachCopiedSourceMakesItReadAgainAndTheRestIsCopied()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var accounts = Plant(harness);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        // Each source changed in one account and region, by a call CloudTrail records there.
        var served = harness.Server.Estate.Accounts[accounts[0]];
        served.SharePrincipals[Changed].Add(new JsonObject { ["id"] = "444444444444", ["resourceShareArn"] = ShareArn(accounts[0]), ["external"] = true });
        served.RecordEvent(Changed, "ram.amazonaws.com", "AssociateResourceShare");
        served.ResourcePolicies.Logs[Changed].RemoveAt(0);
        served.RecordEvent(Changed, "logs.amazonaws.com", "DeleteResourcePolicy");
        served.ResourcePolicies.Glue[Changed].RemoveAt(0);
        served.RecordEvent(Changed, "glue.amazonaws.com", "DeleteResourcePolicy");
        served.ResourcePolicies.LayerVersionPolicies.Remove(served.ResourcePolicies.Layers[Changed][0]["LatestMatchingVersion"]!["LayerVersionArn"]!.GetValue<string>());
        served.RecordEvent(Changed, "lambda.amazonaws.com", "RemoveLayerVersionPermission20181031");
        Snapshot(served, Changed, SnapshotId(9), Public());
        served.RecordEvent(Changed, "ec2.amazonaws.com", "CreateSnapshot");
        Image(served, Changed, ImageId(9), Public());
        served.RecordEvent(Changed, "ec2.amazonaws.com", "RegisterImage");

        harness.Server.ClearRequests();
        var second = Path.Combine(harness.Output.Path, "night-2");
        var summary = await harness.CollectAsync(CollectionHarness.FastSettings(), directory: second, since: first);
        var calls = harness.Server.Requests;
        var full = Path.Combine(harness.Output.Path, "night-2-full");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: full);

        Assert.Empty(summary.Gaps);
        Assert.Empty(summary.Incremental!.Full);
        Assert.Equal(4, calls.Count(c => c.Operation == "LookupEvents"));
        // Read again only where the events were, copied everywhere else: the same snapshot as a full collection of the same state.
        var reads = calls.Where(r => SourceOperations.Contains($"{r.Service}:{r.Operation}")).ToList();
        Assert.Equal(SourceOperations.Order(StringComparer.Ordinal), reads.Select(r => $"{r.Service}:{r.Operation}").Order(StringComparer.Ordinal));
        Assert.All(reads, r => Assert.Equal((accounts[0], Changed), (r.Account, r.Region)));
        Assert.Equal(CollectionHarness.Describe(harness.ReadCollected(full)), CollectionHarness.Describe(harness.ReadCollected(second)));
        Assert.NotEqual(CollectionHarness.Describe(harness.ReadCollected(first)), CollectionHarness.Describe(harness.ReadCollected(second)));
    }

    [Fact]
    public async Task AnEventHistoryThatIsDeniedOrMalformedReadsEverySourceInFullAndSaysWhy()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var accounts = Plant(harness);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        harness.Server.Faults.DeniedServices[(accounts[0], "cloudtrail")] = true;
        harness.Server.Faults.TrailAnswer[(accounts[1], Changed)] = "{\"Events\": [{\"EventSource\": \"ram.amazonaws.com\", \"EventName\": {\"x\": 1}}]}";
        // Changes no event announces: only a full read sees them.
        foreach (var account in accounts)
        {
            harness.Server.Estate.Accounts[account].ResourcePolicies.Logs[Changed].RemoveAt(0);
        }

        var night = await harness.CollectSecondNightAsync(first, "logs");

        Assert.Empty(night.Summary.Gaps);
        var full = night.Summary.Incremental!.Full.Where(f => f.Source == TrailChanges.Source).ToList();
        Assert.Equal([(accounts[0], "eu-central-1"), (accounts[0], Changed), (accounts[1], Changed)], full.Select(f => (f.AccountId, f.Region)));
        Assert.Contains("AccessDeniedException", full[0].Reason, StringComparison.Ordinal);
        Assert.Contains("no EventSource or EventName", full[2].Reason, StringComparison.Ordinal);
        Assert.Equal(3, night.Calls.Count);
        Assert.Equal(CollectionHarness.Describe(harness.ReadCollected(night.Full)), CollectionHarness.Describe(harness.ReadCollected(night.Directory)));
    }

    [Fact]
    public async Task ASnapshotStillPendingIsReadAgainWithoutAnEvent()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 1);
        var account = Plant(harness)[0];
        var served = harness.Server.Estate.Accounts[account];
        var snapshots = served.Network[Changed]["describe-snapshots"]["Snapshots"]!.AsArray();
        snapshots[0]!["State"] = "pending";
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        snapshots[0]!["State"] = "completed";

        var night = await harness.CollectSecondNightAsync(first, "ec2");

        Assert.Equal([Changed], night.Calls.Where(c => c.Operation == "DescribeSnapshots").Select(c => c.Region));
        Assert.Contains("State is not completed", harness.Log.ToString(), StringComparison.Ordinal);
        Assert.Equal(CollectionHarness.Describe(harness.ReadCollected(night.Full)), CollectionHarness.Describe(harness.ReadCollected(night.Directory)));
    }

    private static string ShareArn(string account) => $"arn:aws:ram:{Changed}:{account}:resource-share/share-0";

    /// <summary>Every account and region with policies, a snapshot and an AMI; every account a share in <see cref="Changed"/>.</summary>
    private static List<string> Plant(CollectionHarness harness)
    {
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        foreach (var id in accounts)
        {
            var served = harness.Server.Estate.Accounts[id];
            foreach (var region in harness.Estate.Regions)
            {
                ServedPolicyPlant.Plant(served, region, 2);
                Snapshot(served, region, SnapshotId(1), User("333333333333"));
                Image(served, region, ImageId(1), User("333333333333"));
            }
            served.ResourceShares[Changed] = [new JsonObject
            {
                ["resourceShareArn"] = ShareArn(id), ["name"] = "share-0", ["owningAccountId"] = id, ["allowExternalPrincipals"] = true, ["status"] = "ACTIVE", ["creationTime"] = 1733390000.5,
            }];
            served.SharedResources[Changed] = [new JsonObject { ["arn"] = $"arn:aws:ec2:{Changed}:{id}:subnet/subnet-00000001", ["type"] = "ec2:Subnet", ["resourceShareArn"] = ShareArn(id), ["status"] = "AVAILABLE" }];
            served.SharePrincipals[Changed] = [new JsonObject { ["id"] = accounts[^1], ["resourceShareArn"] = ShareArn(id), ["external"] = false }];
        }
        return accounts;
    }
}
