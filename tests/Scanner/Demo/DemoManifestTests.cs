using System.Globalization;
using Ocado.Guardrails.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

[Collection(DefaultDemoCollection.Name)]
public sealed class DemoManifestTests(DefaultDemo demo)
{
    /// <summary>The rule ids the demo plants violations of, written out here so that a rename in the generator cannot hide a gap.</summary>
    private static readonly string[] CatalogRules =
    [
        "tagging-required-tags", "tagging-customer-matches-account", "tagging-environment-allowed-values",
        "tagging-key-case-consistent", "tagging-owner-is-email", "tagging-cost-centre-format", "tagging-no-secrets-in-tags",
        "segregation-bucket-policy-no-foreign-access", "segregation-queue-policy-no-foreign-access",
        "segregation-topic-policy-no-foreign-access", "segregation-role-trust-no-foreign-account",
        "segregation-role-trust-foreign-requires-external-id", "segregation-customer-principals-fenced", "segregation-customer-resources-fenced", "segregation-principal-no-cross-customer-chain",
        "iam-role-chain-within-depth", "iam-role-trust-no-deleted-principals",
        "iam-principal-no-admin-access", "iam-principal-no-transitive-escalation", "iam-principal-no-privilege-escalation", "iam-user-console-requires-mfa",
        "iam-user-access-keys-rotated", "iam-role-trust-not-public", "iam-policy-no-admin-wildcard", "iam-policy-no-allow-not-action",
        "iam-policy-no-passrole-on-every-role", "iam-user-single-active-key", "iam-user-console-password-used-recently", "iam-role-used-recently",
        "iam-principal-services-used-recently", "segregation-vpc-no-route-to-foreign-customer", "segregation-vpc-no-open-path-to-foreign-customer",
        "segregation-transit-gateway-no-overlapping-cidrs", "segregation-endpoint-service-no-foreign-principals",
        "segregation-resource-share-no-foreign-principals", "segregation-dynamodb-policy-no-foreign-access", "segregation-ebs-snapshot-no-foreign-sharing", "segregation-ami-no-foreign-launch-permission", "segregation-abac-tags-not-changeable", "quotas-headroom", "quotas-headroom-warning", "quotas-exhausted", "quotas-non-adjustable-headroom",
    ];

    [Fact]
    public void TheManifestNamesSeveralViolationsOfEveryCatalogRule()
    {
        var counts = demo.Manifest.CountByRule();
        Assert.All(CatalogRules, rule => Assert.True(counts.GetValueOrDefault(rule) >= 2, $"{rule}: {counts.GetValueOrDefault(rule)}"));
        Assert.Empty(counts.Keys.Except(CatalogRules));
        Assert.Equal(CatalogRules.Order(StringComparer.Ordinal), RuleIds.All.Order(StringComparer.Ordinal));
        Assert.InRange(demo.Manifest.Violations.Count, 200, 1000);
    }

    [Fact]
    public void EveryViolationNamesAResourceOfTheSnapshotOnceAndSaysWhy()
    {
        var snapshot = DemoSnapshot.Read(demo.Directory);
        var quotas = DemoBuilder.QuotaArns(demo.Directory);
        Assert.All(demo.Manifest.Violations, v =>
        {
            Assert.True(snapshot.Resources.ContainsKey(v.ResourceArn) || quotas.Contains(v.ResourceArn) || snapshot.AccountRoots.Contains(v.ResourceArn), v.ResourceArn);
            Assert.False(string.IsNullOrWhiteSpace(v.Why));
        });
        var pairs = demo.Manifest.Violations.Select(v => (v.RuleId, v.ResourceArn)).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.Equal(snapshot.Resources.Count + quotas.Count, demo.Manifest.Resources);
    }

    [Fact]
    public void TheTaggingViolationsAreExactlyWhatTheTagsOnDiskFail()
    {
        var snapshot = DemoSnapshot.Read(demo.Directory);
        var expected = new HashSet<(string, string)>();
        string[] required = ["owner", "customer", "environment", "cost-centre"];
        string[] environments = ["production", "staging", "development", "sandbox"];
        // IAM groups cannot be tagged in AWS: no tagging rule judges them.
        foreach (var resource in snapshot.Resources.Values.Where(r => r.Type != "AWS::IAM::Group"))
        {
            if (required.Any(k => string.IsNullOrEmpty(resource.Tags.GetValueOrDefault(k))))
            {
                expected.Add(("tagging-required-tags", resource.Arn));
            }
            var owner = snapshot.CustomerByAccount[resource.AccountId];
            if (owner is not null && resource.Tags.TryGetValue("customer", out var customer) && customer != owner)
            {
                expected.Add(("tagging-customer-matches-account", resource.Arn));
            }
            if (resource.Tags.TryGetValue("environment", out var environment) && !environments.Contains(environment))
            {
                expected.Add(("tagging-environment-allowed-values", resource.Arn));
            }
        }
        string[] restated = ["tagging-required-tags", "tagging-customer-matches-account", "tagging-environment-allowed-values"];
        var planted = demo.Manifest.Violations.Where(v => restated.Contains(v.RuleId))
            .Select(v => (v.RuleId, v.ResourceArn)).ToHashSet();
        Assert.Equal(expected.Order(), planted.Order());
    }

    [Fact]
    public void TheCredentialViolationsAreExactlyWhatTheCredentialReportsFail()
    {
        var now = demo.Manifest.CollectedAt;
        var expected = new HashSet<(string, string)>();
        foreach (var file in DemoBuilder.Files(demo.Directory, "credential-report.csv"))
        {
            var lines = File.ReadAllLines(file);
            var header = lines[0].Split(',');
            foreach (var line in lines.Skip(2))
            {
                var row = header.Zip(line.Split(',')).ToDictionary(p => p.First, p => p.Second);
                if (row["password_enabled"] == "true" && row["mfa_active"] == "false")
                {
                    expected.Add(("iam-user-console-requires-mfa", row["arn"]));
                }
                foreach (var n in new[] { 1, 2 })
                {
                    if (row[$"access_key_{n}_active"] == "true"
                        && DateTimeOffset.Parse(row[$"access_key_{n}_last_rotated"], CultureInfo.InvariantCulture) < now.AddDays(-90))
                    {
                        expected.Add(("iam-user-access-keys-rotated", row["arn"]));
                    }
                }
            }
        }
        var planted = demo.Manifest.Violations.Where(v => v.RuleId is "iam-user-console-requires-mfa" or "iam-user-access-keys-rotated")
            .Select(v => (v.RuleId, v.ResourceArn)).ToHashSet();
        Assert.Equal(expected.Order(), planted.Order());
    }

    [Fact]
    public void ThePlantedCrossCustomerChainIsListedWithThePlatformRoleThatBridgesIt()
    {
        var layout = DemoLayout.Create(demo.Manifest.Seed);
        var (from, to, platform) = (GraphPlant.From(layout).Id, GraphPlant.To(layout).Id, layout.Platform.Id);
        var access = $"arn:aws:iam::{to}:role/{GraphPlant.Access}";

        var cross = Assert.Single(demo.Manifest.Violations, v => v.RuleId == RuleIds.CrossCustomerChain && v.ResourceArn == access);
        Assert.Contains($"role/{GraphPlant.Start} ({from})", cross.Why, StringComparison.Ordinal);
        Assert.Contains($"role/{GraphPlant.Bridge} ({platform})", cross.Why, StringComparison.Ordinal);
        // The chain goes on to the second customer's administrator: four hops from the first customer's role.
        var transitive = Assert.Single(demo.Manifest.Violations, v => v.RuleId == RuleIds.TransitiveEscalation && v.ResourceArn == $"arn:aws:iam::{from}:role/{GraphPlant.Start}");
        Assert.Equal(4, transitive.Why.Split("; then ").Length);
        Assert.EndsWith($"role/{GraphPlant.ReleaseAdmin} ({to})", transitive.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePlantedChainIsARoleChainBeyondTheDefaultDepthAndEachDeletedTrustIsListedWithoutItsLookAlike()
    {
        var layout = DemoLayout.Create(demo.Manifest.Seed);
        var (from, to) = (GraphPlant.From(layout).Id, GraphPlant.To(layout).Id);

        var deep = Assert.Single(demo.Manifest.Violations, v => v.RuleId == RuleIds.RoleChainDepth && v.ResourceArn == $"arn:aws:iam::{from}:role/{GraphPlant.Start}");
        Assert.StartsWith("planted chain: 4 sts:AssumeRole hops", deep.Why, StringComparison.Ordinal);
        Assert.Equal(4, deep.Why.Split("; then ").Length);
        Assert.Contains($"role/{GraphPlant.Bridge} ({layout.Platform.Id})", deep.Why, StringComparison.Ordinal);

        var orphanedIn = TrustPlant.OrphanedIn(layout);
        Assert.Equal([from, to], orphanedIn.Select(a => a.Id));
        foreach (var (account, uniqueId) in orphanedIn.Zip(["AROA", "AIDA"]))
        {
            var orphaned = Assert.Single(demo.Manifest.Violations, v => v.RuleId == RuleIds.DeletedTrust && v.ResourceArn == $"arn:aws:iam::{account.Id}:role/{TrustPlant.Orphaned}");
            Assert.Contains($"names {uniqueId}", orphaned.Why, StringComparison.Ordinal);
            Assert.DoesNotContain(demo.Manifest.Violations, v => v.RuleId == RuleIds.DeletedTrust && v.ResourceArn == $"arn:aws:iam::{account.Id}:role/{TrustPlant.LookAlike}");
            var iam = File.ReadAllText(Path.Combine(demo.Directory, account.Id, "iam", "authorization-details.json"));
            Assert.Contains($"role/{TrustPlant.LookAlike}", iam, StringComparison.Ordinal);
        }
        Assert.Equal(2, demo.Manifest.Violations.Count(v => v.RuleId == RuleIds.DeletedTrust));
    }

    [Fact]
    public void TheManifestReadsBackAsWritten()
    {
        var loaded = DemoManifest.Load(demo.Directory);
        Assert.Equal(demo.Manifest.Seed, loaded.Seed);
        Assert.Equal(demo.Manifest.Resources, loaded.Resources);
        Assert.Equal(demo.Manifest.GapAccountId, loaded.GapAccountId);
        Assert.Equal(demo.Manifest.Violations, loaded.Violations);
    }
}
