using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports.Formats;

/// <summary>A scan with every verdict and status, a rule without a header, a global resource and awkward text.</summary>
internal static class FormatScans
{
    public const string AdminRule = "iam-policy-no-admin-wildcard";
    public const string TagRule = "tagging-required-tags";
    public const string UnknownRule = "quotas-retired-rule";

    public static ScanResult Mixed()
    {
        var result = new ScanBuilder()
            .WithRule(AdminRule, Severity.Critical, "IAM policies grant no admin wildcard", "Replace \"*\" with the actions the role needs.",
                "A wildcard grants every action.", "CIS AWS 1.16")
            .WithRule(TagRule, Severity.Medium, "Resources carry the required tags", "Add owner, cost-centre and environment tags.")
            .WithFinding(AdminRule, Verdict.Fail, arn: "arn:aws:iam::111111111111:role/ops", type: "AWS::IAM::Role", region: "global",
                message: "role ops allows \"*\" on \"*\"", status: FindingStatus.New, firstSeen: ScanBuilder.FinishedAt,
                evidence: """{"Effect":"Allow","Action":"*","Resource":"*"}""", tags: new Dictionary<string, string> { ["team"] = "ops" })
            .WithFinding(AdminRule, Verdict.Suppressed, arn: "arn:aws:iam::222222222222:role/break-glass", accountId: ScanBuilder.AcmeSecondAccount,
                type: "AWS::IAM::Role", region: "global", message: "waived until 2025-07-01: break-glass", status: FindingStatus.Suppressed)
            .WithFinding(AdminRule, Verdict.Error, arn: "arn:aws:iam::333333333333:role/odd", accountId: ScanBuilder.GlobexAccount, type: "AWS::IAM::Role",
                region: "global", message: "the rule threw: policy document is not JSON \u0001")
            .WithFinding(TagRule, Verdict.Fail, message: "=HYPERLINK(\"http://attacker.example\",\"click\"), owner missing\r\nsecond line", status: FindingStatus.Open,
                firstSeen: ScanBuilder.FinishedAt.AddDays(-9))
            .WithFinding(TagRule, Verdict.NotAssessed, accountId: ScanBuilder.GlobexAccount, message: "not assessed: config could not be collected")
            .WithFinding(TagRule, Verdict.Pass, arn: "arn:aws:sqs:eu-west-1:111111111111:café-orders", message: "café-orders has every required tag")
            .WithFinding(UnknownRule, Verdict.Fail, accountId: ScanBuilder.PlatformAccount, arn: "arn:aws:servicequotas:eu-west-1:999999999999:ec2/L-1216C47A",
                type: "AWS::ServiceQuotas::Quota", message: "-1 headroom left", severity: Severity.Low)
            .Build();
        // The last rule ran in an older catalog: the scan has no header for it.
        return result with { Rules = [.. result.Rules.Where(r => r.Id != UnknownRule)] };
    }

    public static RuleHeader Header(ScanResult result, string id) => result.Rules.Single(r => r.Id == id);
}
