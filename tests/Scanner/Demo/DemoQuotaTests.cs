using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Tests.Scanner.Demo;

[Collection(DefaultDemoCollection.Name)]
public sealed class DemoQuotaTests(DefaultDemo demo)
{
    [Fact]
    public void TheQuotaViolationsAreExactlyWhatCountingTheInventoryGives()
    {
        var snapshot = DemoSnapshot.Read(demo.Directory);
        var regionOf = DemoBuilder.ConfigurationItems(demo.Directory)
            .ToDictionary(i => i.GetProperty("ARN").GetString()!, i => i.GetProperty("awsRegion").GetString()!, StringComparer.Ordinal);
        int Count(string type, string account, string? region) => snapshot.Resources.Values.Count(r =>
            r.Type == type && r.AccountId == account && (region is null || regionOf.GetValueOrDefault(r.Arn) == region));

        var expected = new HashSet<(string, string)>();
        foreach (var file in DemoBuilder.Files(demo.Directory, "*.json").Where(f => f.Contains("/quotas/", StringComparison.Ordinal)))
        {
            var account = file[(demo.Directory.Length + 1)..].Split('/')[0];
            var region = Path.GetFileName(Path.GetDirectoryName(file))!;
            using var document = DemoBuilder.Json(file);
            foreach (var quota in document.RootElement.GetProperty("Quotas").EnumerateArray())
            {
                var usage = QuotaUsageTable.Usage(quota.GetProperty("QuotaCode").GetString()!, account, region, Count);
                if (usage is not { } used)
                {
                    continue;
                }
                var value = quota.GetProperty("Value").GetDouble();
                var arn = quota.GetProperty("QuotaArn").GetString()!;
                if (used >= 0.8 * value)
                {
                    expected.Add(("quotas-headroom", arn));
                }
                if (used >= value)
                {
                    expected.Add(("quotas-exhausted", arn));
                }
                if (quota.GetProperty("Adjustable").GetBoolean() && used >= 0.6 * value && used < 0.8 * value)
                {
                    expected.Add(("quotas-headroom-warning", arn));
                }
                if (!quota.GetProperty("Adjustable").GetBoolean() && used >= 0.6 * value)
                {
                    expected.Add(("quotas-non-adjustable-headroom", arn));
                }
            }
        }
        var planted = demo.Manifest.Violations.Where(v => v.RuleId.StartsWith("quotas-", StringComparison.Ordinal))
            .Select(v => (v.RuleId, v.ResourceArn)).ToHashSet();
        Assert.Equal(expected.Order(), planted.Order());
    }

    [Fact]
    public void GlobalQuotasAreWrittenUnderUsEastOneOnly()
    {
        var services = DemoBuilder.Files(demo.Directory, "*.json").Where(f => f.Contains("/quotas/", StringComparison.Ordinal))
            .Select(f => (Region: Path.GetFileName(Path.GetDirectoryName(f))!, Service: Path.GetFileNameWithoutExtension(f)))
            .Distinct().ToList();
        Assert.All(services.Where(s => s.Service is "iam" or "s3"), s => Assert.Equal("us-east-1", s.Region));
        Assert.Contains(services, s => s is { Region: "us-east-1", Service: "iam" });
        Assert.All(services.Where(s => s.Region == "us-east-1"), s => Assert.Contains(s.Service, new[] { "iam", "s3" }));
    }

    [Fact]
    public void TheVpcQuotaOfAcmeProductionInIrelandIsFourOfFive()
    {
        var snapshot = DemoSnapshot.Read(demo.Directory);
        var acmeProduction = snapshot.CustomerByAccount.First(p => p.Value == "acme").Key;
        using var quotas = DemoBuilder.Json(Path.Combine(demo.Directory, acmeProduction, "quotas", "eu-west-1", "vpc.json"));
        var vpcQuota = quotas.RootElement.GetProperty("Quotas").EnumerateArray().Single(q => q.GetProperty("QuotaCode").GetString() == "L-F678F1CE");
        Assert.Equal(5, vpcQuota.GetProperty("Value").GetDouble());
        var vpcs = DemoBuilder.ConfigurationItems(demo.Directory).Count(i =>
            i.GetProperty("resourceType").GetString() == "AWS::EC2::VPC" && i.GetProperty("awsAccountId").GetString() == acmeProduction
            && i.GetProperty("awsRegion").GetString() == "eu-west-1");
        Assert.Equal(4, vpcs);
    }
}
