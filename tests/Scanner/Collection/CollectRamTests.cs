using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>`guardrails collect` reads AWS RAM per account and region into ram/REGION/, and a scan reads the shares back.</summary>
public sealed class CollectRamTests
{
    private const string Region = "eu-west-1";

    [Fact]
    public async Task EveryShareIsCollectedAcrossPagesWithItsResourcesAndPrincipals()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 2, maxPage: 2);
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        var (owner, sameCustomer, otherCustomer) = (accounts[0], accounts[1], accounts[2]);
        var served = harness.Server.Estate.Accounts[owner];
        var arns = Enumerable.Range(0, 3).Select(i => $"arn:aws:ram:{Region}:{owner}:resource-share/share-{i}").ToList();
        served.ResourceShares[Region] = arns.Select((arn, i) => new JsonObject
        {
            ["resourceShareArn"] = arn, ["name"] = $"share-{i}", ["owningAccountId"] = owner, ["allowExternalPrincipals"] = false, ["status"] = "ACTIVE", ["creationTime"] = 1733390000.5,
        }).ToList();
        served.SharedResources[Region] = arns.Select((arn, i) => new JsonObject { ["arn"] = $"arn:aws:ec2:{Region}:{owner}:subnet/subnet-{i:00000000}", ["type"] = "ec2:Subnet", ["resourceShareArn"] = arn }).ToList();
        served.SharePrincipals[Region] = arns.SelectMany(arn => new[] { sameCustomer, otherCustomer }.Select(p => new JsonObject { ["id"] = p, ["resourceShareArn"] = arn, ["external"] = false })).ToList();

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        var collected = harness.ReadCollected();
        Assert.Empty(collected.Errors);
        var shares = collected.Resources.Where(r => r.Type == ResourceShares.ShareType).OrderBy(r => r.Arn, StringComparer.Ordinal).ToList();
        Assert.Equal(arns, shares.Select(s => s.Arn));
        Assert.All(shares, s => Assert.Equal((owner, Region), (s.AccountId, s.Region)));
        Assert.Equal("2024-12-05T09:13:20.500000+00:00", shares[0].ConfigString("creationTime"));
        Assert.Equal([$"arn:aws:ec2:{Region}:{owner}:subnet/subnet-00000001"], ResourceShares.SharedResources(shares[1]));
        var grants = ResourceShares.Grants(shares[1], harness.Estate, OrganizationView.NotConfigured)!;
        Assert.Equal([(sameCustomer, false), (otherCustomer, true)], grants.Select(g => (g.Grantee, g.IsForeign)));
        // Every account and region got its three files, empty where nothing is shared.
        Assert.All(accounts.SelectMany(a => harness.Estate.Regions.Select(r => (a, r))), ar => Assert.All(SnapshotLayout.RamCommands.All,
            command => Assert.True(File.Exists(SnapshotLayout.RamFile(SnapshotLayout.Account(harness.SnapshotDirectory, ar.a), ar.r, command)), $"{ar} {command}")));
    }

    [Fact]
    public async Task RamDeniedIsAGapPerRegionThatLeavesOnlyTheSharesNotAssessed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var account = harness.Estate.Accounts.Order(StringComparer.Ordinal).First();
        harness.Server.Faults.DeniedServices[(account, "ram")] = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Equal(harness.Estate.Regions.Order(StringComparer.Ordinal), summary.Gaps.Select(g => g.Region!).Order(StringComparer.Ordinal));
        Assert.All(summary.Gaps, gap =>
        {
            Assert.Equal((account, CoverageGap.Sources.Ram), (gap.AccountId, gap.Source));
            Assert.Contains("AccessDenied", gap.Reason, StringComparison.Ordinal);
            Assert.True(gap.Covers(account, gap.Region!, ResourceShares.ShareType));
            Assert.False(gap.Covers(account, gap.Region!, "AWS::S3::Bucket"));
        });
        var collected = harness.ReadCollected();
        Assert.Contains(collected.Gaps, g => g.Source == CoverageGap.Sources.Ram && g.AccountId == account);
        Assert.Equal(CollectionHarness.Describe(harness.ReadServed()), CollectionHarness.Describe(collected));
    }
}
