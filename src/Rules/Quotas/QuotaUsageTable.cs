
namespace Ocado.Guardrails.Rules.Quotas;

/// <summary>
/// The quotas whose usage we can compute by counting the inventory. Codes from the Service Quotas
/// console and `aws service-quotas list-service-quotas`.
/// </summary>
public static class QuotaUsageTable
{
    public static readonly IReadOnlyList<QuotaUsageRule> Rules = Frozen.List<QuotaUsageRule>(
    [
        new("vpc", "L-F678F1CE", "VPCs per Region", "AWS::EC2::VPC"),
        new("ec2", "L-0263D0A3", "EC2-VPC Elastic IPs", "AWS::EC2::EIP"),
        new("vpc", "L-A4707A72", "Internet gateways per Region", "AWS::EC2::InternetGateway"),
        new("vpc", "L-FE5A380F", "NAT gateways per Availability Zone", "AWS::EC2::NatGateway"),
        new("vpc", "L-E79EC296", "VPC security groups per Region", "AWS::EC2::SecurityGroup"),
        new("iam", "L-FE177D64", "Roles per account", "AWS::IAM::Role", Global: true),
        new("iam", "L-F4A5425F", "Users per account", "AWS::IAM::User", Global: true),
        new("iam", "L-F55AF5E4", "Groups per account", "AWS::IAM::Group", Global: true),
        new("iam", "L-E95E4862", "Customer managed policies per account", "AWS::IAM::Policy", Global: true),
        new("s3", "L-DC2B2D3D", "General purpose buckets", "AWS::S3::Bucket", Global: true),
        new("rds", "L-7B6409FD", "DB instances", "AWS::RDS::DBInstance"),
        new("rds", "L-952B80B8", "DB clusters", "AWS::RDS::DBCluster"),
        new("ebs", "L-309BACF6", "Snapshots per Region", "AWS::EC2::Snapshot"),
        new("kms", "L-C2F1777E", "Customer managed keys", "AWS::KMS::Key"),
        new("sns", "L-61103206", "Topics per account", "AWS::SNS::Topic"),
    ]);

    /// <summary>The usage rule for a quota code, or null when usage cannot be computed from the inventory.</summary>
    public static QuotaUsageRule? Find(string quotaCode) =>
        Rules.FirstOrDefault(r => r.QuotaCode == quotaCode && r.ResourceType.Length > 0);

    /// <summary>The usage of a quota in an account and region, or null when it cannot be computed.</summary>
    public static int? Usage(string quotaCode, string accountId, string region, Func<string, string, string?, int> count)
    {
        var rule = Find(quotaCode);
        return rule is null ? null : count(rule.ResourceType, accountId, rule.Global ? null : region);
    }
}
