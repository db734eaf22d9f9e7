using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;
using static Ocado.Guardrails.Tests.Scanner.Collection.CollectNetworkTests;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `collect --since` and DynamoDB: a table created or deleted is an item of AWS::DynamoDB::Table, so a second night takes
/// the region's list of tables from the previous snapshot where Config shows none (no ListTables), and still describes
/// each table and reads its policies (a policy is no part of the table's item). Where the recorder does not record tables,
/// or the previous list is not what collect writes, the tables are listed. Either way the files and findings are those of
/// a full collection of the same state.
/// </summary>
public sealed class IncrementalDynamoDbTests
{
    private const string Rule = "segregation-dynamodb-policy-no-foreign-access";

    [Fact]
    public async Task ASecondNightListsTablesOnlyWhereConfigShowsATableCreatedOrDeletedAndReadsEveryPolicy()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2);
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        var (owner, created, foreign) = (accounts[0], accounts[1], accounts[2]);
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[owner], Region, 3, _ => owner);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        var before = Scan(harness.ReadCollected(first), harness);

        // Between the nights: a table's policy now lets in another customer's account (no Config item: read every night
        // anyway), and another account creates a table (an item of AWS::DynamoDB::Table).
        var arn = $"arn:aws:dynamodb:{Region}:{owner}:table/{ServedPolicyPlant.TableName(1)}";
        harness.Server.Estate.Accounts[owner].ResourcePolicies.DynamoDbPolicies[arn] = Grant(foreign, arn);
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[created], Region, 1, _ => created);
        AddConfigItem(harness, created, "AWS::DynamoDB::Table", ServedPolicyPlant.TableName(0), $"arn:aws:dynamodb:{Region}:{created}:table/{ServedPolicyPlant.TableName(0)}", DateTimeOffset.UtcNow);

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "dynamodb");

        Assert.Empty(summary.Gaps);
        Assert.DoesNotContain(summary.Incremental!.Full, f => f.Source == ServiceResourcePolicies.DynamoDbSource);
        Assert.Equal([(created, Region)], calls.Where(c => c.Operation == "ListTables").Select(c => (c.Account, c.Region)));
        // Every table described and its policies read, the one created too.
        Assert.Equal(4, calls.Count(c => c.Operation == "DescribeTable"));
        Assert.Equal(Files(full, harness), Files(second, harness));
        var after = Scan(harness.ReadCollected(second), harness);
        Assert.Equal(Scan(harness.ReadCollected(full), harness), after);
        Assert.DoesNotContain(before, f => f.StartsWith($"{arn} Fail", StringComparison.Ordinal));
        Assert.Contains(after, f => f.StartsWith($"{arn} Fail", StringComparison.Ordinal));
        Assert.Contains(after, f => f.StartsWith($"arn:aws:dynamodb:{Region}:{created}:table/{ServedPolicyPlant.TableName(0)} Pass", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TablesAreListedWhereTheRecorderDoesNotRecordThemOrThePreviousListIsUnusable()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        var (unrecorded, tampered) = (accounts[0], accounts[1]);
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[tampered], Region, 2, _ => tampered);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        // unrecorded's recorder records every type but tables, and a table is created there (no Config item says so);
        // tampered's previous list is not what collect writes.
        // A recording group is changed by a call CloudTrail records (PutConfigurationRecorder): the second night describes the recorder again.
        harness.Server.Estate.Accounts[unrecorded].RecordEvent(Region, "config.amazonaws.com", "PutConfigurationRecorder");
        harness.Server.Faults.Recording[(unrecorded, Region)] = (new JsonObject
        {
            ["allSupported"] = false, ["recordingStrategy"] = new JsonObject { ["useOnly"] = "EXCLUSION_BY_RESOURCE_TYPES" },
            ["exclusionByResourceTypes"] = new JsonObject { ["resourceTypes"] = new JsonArray("AWS::DynamoDB::Table") },
        }, new JsonObject { ["recordingFrequency"] = "CONTINUOUS" });
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[unrecorded], Region, 1, _ => unrecorded);
        File.WriteAllText(SnapshotLayout.TablesFile(SnapshotLayout.Account(first, tampered), Region), "{\"TableNames\": [7]}");

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "dynamodb");

        Assert.Empty(summary.Gaps);
        var fallback = Assert.Single(summary.Incremental!.Full, f => f.Source == ServiceResourcePolicies.DynamoDbSource);
        Assert.Equal((unrecorded, Region, "list-tables: the Config recorder does not record AWS::DynamoDB::Table"), (fallback.AccountId, fallback.Region, fallback.Reason));
        Assert.Equal(new[] { (tampered, Region), (unrecorded, Region) }.Order(), calls.Where(c => c.Operation == "ListTables").Select(c => (c.Account, c.Region)).Order());
        Assert.Equal(Files(full, harness), Files(second, harness));
        Assert.Equal(Scan(harness.ReadCollected(full), harness), Scan(harness.ReadCollected(second), harness));
        Assert.Contains(Scan(harness.ReadCollected(second), harness), f => f.StartsWith($"arn:aws:dynamodb:{Region}:{unrecorded}:table/", StringComparison.Ordinal));
    }

    private static string Grant(string account, string resource) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = account }, ["Action"] = "dynamodb:GetItem", ["Resource"] = resource }),
    }.ToJsonString();

    /// <summary>The DynamoDB rule's findings, each as "ARN Verdict: message".</summary>
    private static List<string> Scan(Snapshot snapshot, CollectionHarness harness)
    {
        var evaluator = new Evaluator(Support.Catalog.Rules, harness.Estate, new Inventory(snapshot.Resources), _ => RuleParams.Empty, DateTimeOffset.UtcNow);
        var scan = new ScanEvaluator(evaluator, harness.Estate, snapshot.Gaps) { IncludePasses = true };
        return scan.Run(snapshot.Resources, TestContext.Current.CancellationToken).Findings.Where(f => f.RuleId == Rule)
            .Select(f => $"{f.ResourceArn} {f.Verdict}: {f.Message}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every dynamodb file of a snapshot, by its path.</summary>
    private static SortedDictionary<string, string> Files(string snapshot, CollectionHarness harness)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in harness.Estate.Accounts)
        {
            var folder = Path.Combine(snapshot, account, SnapshotLayout.DynamoDbFolder);
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories) : [])
            {
                files[Path.GetRelativePath(snapshot, file)] = JsonNode.Parse(File.ReadAllText(file))!.ToJsonString();
            }
        }
        Assert.NotEmpty(files);
        return files;
    }
}
