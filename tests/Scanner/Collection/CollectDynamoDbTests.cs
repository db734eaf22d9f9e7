using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `guardrails collect` reads each region's DynamoDB tables, their streams and both resource policies into dynamodb/
/// through AWSSDK.DynamoDBv2; a scan reads them back and segregation-dynamodb-policy-no-foreign-access judges them.
/// </summary>
public sealed class CollectDynamoDbTests
{
    private const string Region = "eu-west-1";
    private const int Count = 5;
    private const string Rule = "segregation-dynamodb-policy-no-foreign-access";

    [Fact]
    public async Task TablesStreamsAndPoliciesAreCollectedAcrossPagesAndAGrantToAnotherCustomerFails()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        // Customers are pairs of accounts: the first table (and its stream) lets in another customer's account, the
        // others the owner's own customer's other account, the last none.
        var (owner, sameCustomer, otherCustomer) = (accounts[0], accounts[1], accounts[2]);
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[owner], Region, Count, i => i == 0 ? otherCustomer : sameCustomer);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        var collected = harness.ReadCollected();
        Assert.Empty(collected.Errors);
        var tables = collected.Resources.Where(r => r.Type == ServiceResourcePolicies.DynamoDbTable && r.Supplementary("ResourcePolicy") is not null).ToList();
        Assert.Equal(Enumerable.Range(0, Count).Select(ServedPolicyPlant.TableName).Order(StringComparer.Ordinal), tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tables, t => Assert.Equal((owner, Region, $"arn:aws:dynamodb:{Region}:{owner}:table/{t.Name}"), (t.AccountId, t.Region, t.Arn)));
        var streams = collected.Resources.Where(r => r.Type == ServiceResourcePolicies.DynamoDbStream).ToList();
        Assert.Equal([0, 2, 4], streams.Select(s => ServedPolicyIndex(s.Name)).Order());
        Assert.All(streams, s => Assert.EndsWith("/stream/" + ServedPolicyPlant.StreamLabel, s.Arn, StringComparison.Ordinal));
        Assert.Equal([otherCustomer], ResourcePolicies.Of(tables.Single(t => t.Name == ServedPolicyPlant.TableName(0)))!.Statements.SelectMany(s => s.Principals).Select(p => p.Value));
        Assert.Null(ResourcePolicies.Of(tables.Single(t => t.Name == ServedPolicyPlant.TableName(Count - 1))));

        var findings = Scan(collected, harness).Where(f => f.RuleId == Rule && f.AccountId == owner).ToList();
        var failed = findings.Where(f => f.Verdict == Verdict.Fail).ToList();
        Assert.Equal([$"arn:aws:dynamodb:{Region}:{owner}:table/{ServedPolicyPlant.TableName(0)}", $"arn:aws:dynamodb:{Region}:{owner}:table/{ServedPolicyPlant.TableName(0)}/stream/{ServedPolicyPlant.StreamLabel}"],
            failed.Select(f => f.ResourceArn).Order(StringComparer.Ordinal));
        Assert.All(failed, f => Assert.Contains(otherCustomer, f.Message, StringComparison.Ordinal));
        Assert.Equal(Count - 1 + 2, findings.Count(f => f.Verdict == Verdict.Pass));
        // Every account and region got its list, empty where there is nothing; a table without a policy has {}.
        Assert.All(accounts.SelectMany(a => harness.Estate.Regions.Select(r => SnapshotLayout.TablesFile(SnapshotLayout.Account(harness.SnapshotDirectory, a), r))),
            file => Assert.True(File.Exists(file), file));
        var noPolicy = SnapshotLayout.TablePolicyFile(SnapshotLayout.Account(harness.SnapshotDirectory, owner), Region, ServedPolicyPlant.TableName(Count - 1));
        Assert.Equal("{}", File.ReadAllText(noPolicy).Trim());
    }

    [Fact]
    public async Task DynamoDbDeniedIsAGapPerRegionNamingTheCallAndLeavesTheTablesNotAssessed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var account = harness.Estate.Accounts.Order(StringComparer.Ordinal).First();
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts[account], Region, Count);
        harness.Server.Faults.DeniedServices[(account, "dynamodb")] = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Equal(harness.Estate.Regions.Order(StringComparer.Ordinal), summary.Gaps.Select(g => g.Region!).Order(StringComparer.Ordinal));
        Assert.All(summary.Gaps, gap =>
        {
            Assert.Equal((account, ServiceResourcePolicies.DynamoDbSource), (gap.AccountId, gap.Source));
            Assert.Contains("ListTables", gap.Reason, StringComparison.Ordinal);
            Assert.Contains("AccessDenied", gap.Reason, StringComparison.Ordinal);
            Assert.True(gap.Covers(account, gap.Region!, ServiceResourcePolicies.DynamoDbTable));
            Assert.True(gap.Covers(account, gap.Region!, ServiceResourcePolicies.DynamoDbStream));
            Assert.False(gap.Covers(account, gap.Region!, ServiceResourcePolicies.LayerVersion));
        });
        var collected = harness.ReadCollected();
        Assert.DoesNotContain(collected.Resources, r => r.Type == ServiceResourcePolicies.DynamoDbStream);
        var findings = Scan(collected, harness);
        Assert.Equal(harness.Estate.Regions.Order(StringComparer.Ordinal),
            findings.Where(f => f.RuleId == Rule && f.Verdict == Verdict.NotAssessed && f.AccountId == account).Select(f => f.Region).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(findings, f => f.RuleId == Rule && f.AccountId == account && f.Verdict is Verdict.Pass or Verdict.Fail);
        Assert.Equal(Count, findings.Count(f => f.RuleId == "segregation-layer-policy-no-foreign-access" && f.Verdict is Verdict.Pass or Verdict.Fail && f.AccountId == account));
    }

    private static int ServedPolicyIndex(string tableName) => int.Parse(tableName[(tableName.LastIndexOf('v') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static List<Finding> Scan(Snapshot snapshot, CollectionHarness harness)
    {
        var evaluator = new Evaluator(Support.Catalog.Rules, harness.Estate, new Inventory(snapshot.Resources), _ => RuleParams.Empty, DateTimeOffset.UtcNow);
        var scan = new ScanEvaluator(evaluator, harness.Estate, snapshot.Gaps) { IncludePasses = true };
        return scan.Run(snapshot.Resources, TestContext.Current.CancellationToken).Findings;
    }
}
