using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Tests.Scanner.Notifications;

/// <summary>An estate of two customers and a scan of it with something in every section of a digest.</summary>
internal static class NotificationScans
{
    public const string Acme = "111111111111";
    public const string Globex = "222222222222";
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    public static GuardrailsConfig Config(string channels) => GuardrailsConfig.FromJson(JsonNode.Parse($$$"""
        {"estate": {"customers": [{"id": "acme", "accounts": ["{{{Acme}}}"]}, {"id": "globex", "accounts": ["{{{Globex}}}"]}]},
         "waivers": [{"rule": "tagging-*", "account": "{{{Acme}}}", "reason": "migration", "owner": "ops@acme", "expires": "2026-11-05"}],
         "notifications": {"reportUrl": "https://guardrails.example/reports", "channels": {{{channels}}}}}
        """)!.AsObject(), "guardrails.yaml");

    public static Finding Finding(string rule, string account, Severity severity, Verdict verdict = Verdict.Fail, FindingStatus status = FindingStatus.New) => new()
    {
        RuleId = rule, Family = rule.Split('-')[0], Severity = severity, Verdict = verdict, Status = status,
        ResourceArn = $"arn:aws:s3:::{rule}-{account}", ResourceType = "AWS::S3::Bucket", AccountId = account, Region = "eu-west-1",
        Message = $"{rule} on a bucket of {account}",
    };

    public static ScanResult Scan(GuardrailsConfig config, string scanId = "20261101T020000Z-estate") => new()
    {
        ScanId = scanId, StartedAt = Start, FinishedAt = Start.AddMinutes(5), Resources = 6,
        Evaluations = new Dictionary<string, FamilySummary>(), Rules = [], Estate = config.Estate,
        Gaps = [new CoverageGap(Globex, "eu-west-1", CoverageGap.Sources.AssumeRole, "AccessDenied")],
        Findings =
        [
            Finding("storage-public-bucket", Acme, Severity.Critical),
            Finding("storage-public-bucket", Globex, Severity.Critical),
            Finding("tagging-required-tags", Acme, Severity.Low),
            Finding("storage-old-problem", Acme, Severity.High, status: FindingStatus.Open),
            Finding("iam-fixed", Acme, Severity.High, Verdict.Pass, FindingStatus.Resolved),
            Finding("quotas-forecast-exhaustion", Acme, Severity.Medium),
        ],
    };
}
