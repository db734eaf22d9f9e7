using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>Scans for the browser tests: a few hundred findings across rules, severities and statuses, with a history.</summary>
internal static class BrowserScans
{
    public const string BucketPolicyRule = "segregation-bucket-policy-no-foreign-customer";

    public static readonly string[] Rules =
    [
        "iam-policy-no-admin-wildcard", BucketPolicyRule, "tagging-required-tags", "tagging-owner-is-email", "quotas-headroom",
    ];

    /// <summary>
    /// 240 findings: every fifth is critical (the admin-wildcard rule), bucket-policy findings quote
    /// the statement at fault, every resource is tagged, and the last 14 scans make a trend.
    /// </summary>
    public static ScanResult Estate()
    {
        var builder = new ScanBuilder()
            .WithRule(Rules[0], Severity.Critical, "IAM policies grant no admin wildcard", "Replace \"Action\": \"*\" with the actions the role needs.",
                "A policy that allows every action on every resource makes its holder an administrator.", "CIS AWS 1.16")
            .WithRule(Rules[1], Severity.High, "Bucket policies grant no other customer access", "Remove the statement that names another customer's account.",
                "One customer's data must never be readable by another.", "ISO 27001 A.8.3")
            .WithRule(Rules[2], Severity.Medium, "Resources carry the required tags", "Add owner, cost-centre and environment tags.")
            .WithRule(Rules[3], Severity.Low, "Owner tags are email addresses", "Set owner to the owning team's email address.")
            .WithRule(Rules[4], Severity.Info, "Service quotas have headroom", "Request a quota increase before usage reaches 80%.");
        string[] accounts = [ScanBuilder.AcmeAccount, ScanBuilder.AcmeSecondAccount, ScanBuilder.GlobexAccount];
        for (var i = 0; i < 240; i++)
        {
            var account = accounts[i % accounts.Length];
            var rule = Rules[i % Rules.Length];
            var bucket = $"orders-{i:000}-exports";
            var arn = rule == BucketPolicyRule ? $"arn:aws:s3:::{bucket}" : $"arn:aws:sqs:eu-west-1:{account}:{bucket}";
            var statement = $$"""{"Sid":"Share","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}""";
            builder.WithFinding(
                rule,
                i % 17 == 0 ? Verdict.NotAssessed : i % 13 == 0 ? Verdict.Suppressed : i % 23 == 0 ? Verdict.Error : Verdict.Fail,
                accountId: account,
                arn: arn,
                message: rule == BucketPolicyRule ? $"{bucket} grants an unknown account access: {statement}" : $"{bucket} is missing the tags owner and cost-centre",
                type: rule == BucketPolicyRule ? "AWS::S3::Bucket" : "AWS::SQS::Queue",
                region: rule == BucketPolicyRule ? "global" : "eu-west-1",
                tags: new Dictionary<string, string> { ["Name"] = bucket, ["environment"] = i % 3 == 0 ? "staging" : "production", ["owner"] = "payments@example.com" },
                status: i % 13 == 0 ? FindingStatus.Suppressed : i % 4 == 0 ? FindingStatus.New : FindingStatus.Open,
                firstSeen: ScanBuilder.FinishedAt.AddDays(-(i % 40)));
        }
        for (var day = 0; day < 14; day++)
        {
            builder.WithTrendPoint(20 + day * 7 % 30, 260 - day * 4, 10 + day * 5 % 25, 18);
        }
        return builder.WithGap(ScanBuilder.GlobexAccount, "us-east-1", reason: "AccessDenied: not authorized to perform config:SelectResourceConfig").Build();
    }
}
