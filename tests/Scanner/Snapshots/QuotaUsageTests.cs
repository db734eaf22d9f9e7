using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

public sealed class QuotaUsageTests
{
    private const string VpcQuota = """{"Quotas": [{"ServiceCode": "vpc", "QuotaCode": "L-F678F1CE", "QuotaName": "VPCs per Region", "Value": 5.0}]}""";

    private static string Vpc(string id) =>
        $$"""{"resourceType": "AWS::EC2::VPC", "resourceId": "{{id}}", "ARN": "arn:aws:ec2:eu-west-1:111111111111:vpc/{{id}}", "awsAccountId": "111111111111", "awsRegion": "eu-west-1"}""";

    [Fact]
    public void QuotaUsageIsCountedFromTheInventoryOfItsRegion()
    {
        using var snapshot = new TemporaryDirectory();
        Write(snapshot.Path, "111111111111/config/eu-west-1.json", $$"""{"configurationItems": [{{Vpc("vpc-1")}}, {{Vpc("vpc-2")}}]}""");
        Write(snapshot.Path, "111111111111/quotas/eu-west-1/vpc.json", VpcQuota);

        var quota = SnapshotReader.Read(snapshot.Path, Estate.Empty).Resources.Single(r => r.Id == "L-F678F1CE");

        Assert.Equal(2, ServiceQuota.Usage(quota));
    }

    [Fact]
    public void WhereConfigWasNotCollectedTheUsageIsUnknownNotZero()
    {
        using var snapshot = new TemporaryDirectory();
        Write(snapshot.Path, "collection.json", """{"gaps": [{"accountId": "111111111111", "region": "eu-west-1", "source": "config", "reason": "AccessDenied"}]}""");
        Write(snapshot.Path, "111111111111/quotas/eu-west-1/vpc.json", VpcQuota);

        var quota = SnapshotReader.Read(snapshot.Path, Estate.Empty).Resources.Single(r => r.Id == "L-F678F1CE");

        Assert.Null(ServiceQuota.Usage(quota));
        Assert.Contains("was not collected", quota.Supplementary("UsageUnknown")?.GetString());
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
