namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// What Service Quotas says about the quotas the demo writes: the AWS default values and adjustability of the codes in
/// QuotaUsageTable, and a few quotas whose usage the scanner cannot count (so their rules must Skip).
/// </summary>
internal static class QuotaCatalog
{
    public sealed record Info(string ServiceName, int DefaultValue, bool Adjustable);

    public sealed record Extra(string ServiceCode, string QuotaCode, string QuotaName, int Value, string Unit, bool Adjustable);

    public static readonly IReadOnlyDictionary<string, string> ServiceNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vpc"] = "Amazon Virtual Private Cloud (Amazon VPC)",
        ["ec2"] = "Amazon Elastic Compute Cloud (Amazon EC2)",
        ["ebs"] = "Amazon Elastic Block Store (Amazon EBS)",
        ["iam"] = "AWS Identity and Access Management (IAM)",
        ["s3"] = "Amazon Simple Storage Service (Amazon S3)",
        ["rds"] = "Amazon Relational Database Service (Amazon RDS)",
        ["kms"] = "AWS Key Management Service (AWS KMS)",
        ["sns"] = "Amazon Simple Notification Service (Amazon SNS)",
    };

    /// <summary>Defaults from the Service Quotas console. IAM users cannot be raised: AWS points to federation instead.</summary>
    private static readonly Dictionary<string, (int Value, bool Adjustable)> Defaults = new(StringComparer.Ordinal)
    {
        ["L-F678F1CE"] = (5, true),
        ["L-0263D0A3"] = (5, true),
        ["L-A4707A72"] = (5, true),
        ["L-FE5A380F"] = (5, true),
        ["L-E79EC296"] = (2500, true),
        ["L-FE177D64"] = (1000, true),
        ["L-F4A5425F"] = (5000, false),
        ["L-F55AF5E4"] = (300, true),
        ["L-E95E4862"] = (1500, true),
        ["L-DC2B2D3D"] = (10000, true),
        ["L-7B6409FD"] = (40, true),
        ["L-952B80B8"] = (40, true),
        ["L-309BACF6"] = (100000, true),
        ["L-C2F1777E"] = (100000, true),
        ["L-61103206"] = (100000, true),
    };

    public static readonly IReadOnlyList<Extra> Uncounted =
    [
        new("ec2", "L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", 1152, "None", true),
        new("vpc", "L-2AFB9258", "Security groups per network interface", 5, "None", true),
        new("vpc", "L-0EA8095F", "Inbound or outbound rules per security group", 60, "None", true),
        new("iam", "L-0DA4ABF3", "Managed policies per role", 10, "None", true),
        new("rds", "L-7ADDB58A", "Total storage for all DB instances", 100000, "Gigabytes", true),
    ];

    public static Info For(string serviceCode, string quotaCode)
    {
        var (value, adjustable) = Defaults.GetValueOrDefault(quotaCode, (1000, true));
        return new Info(ServiceNames.GetValueOrDefault(serviceCode, serviceCode), value, adjustable);
    }
}
