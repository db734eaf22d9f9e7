using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>What matters in the end: a collected snapshot scans to the findings of the estate it was collected from.</summary>
public sealed class CollectScanTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheCollectedSnapshotScansToTheSameFindingsAsTheServedEstateAndDeniedAccountsAreNotAssessed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 10, resourcesPerRegion: 20);
        var denied = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).Take(2).ToHashSet(StringComparer.Ordinal);
        foreach (var account in denied)
        {
            harness.Server.Faults.DeniedAssumeRole[account] = true;
        }

        await harness.CollectAsync(CollectionHarness.FastSettings());

        var collected = Scan(harness.ReadCollected(), harness.Estate);
        var served = Scan(harness.ReadServed(), harness.Estate);
        Assert.Contains(served, f => f.Verdict == Verdict.Fail);
        Assert.Equal(
            served.Where(f => !denied.Contains(f.AccountId)).Select(Describe),
            collected.Where(f => !denied.Contains(f.AccountId)).Select(Describe));
        var notAssessed = collected.Where(f => denied.Contains(f.AccountId)).ToList();
        Assert.NotEmpty(notAssessed);
        Assert.All(notAssessed, f => Assert.Equal(Verdict.NotAssessed, f.Verdict));
        Assert.Equal(denied, notAssessed.Select(f => f.AccountId).ToHashSet(StringComparer.Ordinal));
    }

    private static List<Finding> Scan(Snapshot snapshot, Estate estate)
    {
        var evaluator = new Evaluator(Support.Catalog.Rules, estate, new Inventory(snapshot.Resources), _ => RuleParams.Empty, Now);
        var scan = new ScanEvaluator(evaluator, estate, snapshot.Gaps) { IncludePasses = true };
        return scan.Run(snapshot.Resources, TestContext.Current.CancellationToken).Findings;
    }

    private static string Describe(Finding finding) => $"{finding.RuleId} {finding.ResourceArn} {finding.Verdict}: {finding.Message}";
}
