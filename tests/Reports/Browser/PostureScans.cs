using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Tests.Reports.Browser;

/// <summary>
/// A scan for the posture, compliance and waiver views: rules that cite CIS and FSBP controls,
/// passes kept (so pass rates are known), findings of the platform, waivers in force, expiring,
/// expired and stale, and a tag holding a secret.
/// </summary>
internal static class PostureScans
{
    public const string AdminRule = "iam-policy-no-admin-wildcard";
    public const string MfaRule = "iam-user-console-requires-mfa";
    public const string TagRule = "tagging-required-tags";
    public const string SecretKey = "AKIAABCDEFGHIJKLMNOP";

    public static readonly Waiver Expired = Waiver("queue-9*", new DateOnly(2025, 5, 1), "team-payments@example.com", "Migration to the new queue");
    public static readonly Waiver Stale = Waiver("queue-nothing-*", new DateOnly(2025, 12, 31), "team-search@example.com", "Legacy search index");

    public static ScanResult Estate()
    {
        var builder = new ScanBuilder()
            .WithRule(AdminRule, Severity.Critical, "IAM policies grant no admin wildcard", controls: ["CIS AWS Foundations 1.16", "AWS FSBP IAM.1"])
            .WithRule(MfaRule, Severity.High, "Console users have MFA", controls: ["CIS AWS Foundations 1.10", "AWS FSBP IAM.5"])
            .WithRule(TagRule, Severity.Medium, "Resources carry the required tags", controls: ["n/a (no CIS or FSBP control covers tags)"]);
        string[] accounts = [ScanBuilder.AcmeAccount, ScanBuilder.AcmeSecondAccount, ScanBuilder.GlobexAccount, ScanBuilder.PlatformAccount];
        for (var i = 0; i < 160; i++)
        {
            var account = accounts[i % accounts.Length];
            var rule = i % 3 == 0 ? AdminRule : i % 3 == 1 ? MfaRule : TagRule;
            var verdict = i % 4 == 0 ? Verdict.Pass : i % 11 == 0 ? Verdict.NotAssessed : Verdict.Fail;
            var message = $"queue-{i} is missing the owner tag";
            if (verdict == Verdict.Fail && i % 7 == 0)
            {
                verdict = Verdict.Suppressed;
                var expires = i % 14 == 0 ? "2025-06-20" : "2026-03-31";
                message += $" [suppressed by a waiver until {expires} (owner team-{i % 14}@example.com): accepted until the rebuild]";
            }
            else if (verdict == Verdict.Fail && i % 9 == 0)
            {
                message += " [reopened: its waiver expired on 2025-05-01 (owner team-payments@example.com): Migration to the new queue]";
            }
            builder.WithFinding(rule, verdict, accountId: account, arn: $"arn:aws:sqs:eu-west-1:{account}:queue-{i}", message: message,
                tags: new Dictionary<string, string> { ["owner"] = "payments@example.com", ["deploy-token"] = i == 2 ? SecretKey : "none" },
                status: verdict == Verdict.Pass ? FindingStatus.Resolved : i % 5 == 0 ? FindingStatus.New : FindingStatus.Open,
                firstSeen: ScanBuilder.FinishedAt.AddDays(-(i % 20)));
        }
        for (var scan = 0; scan < 3; scan++)
        {
            builder.WithTrendPoint(10 + scan, 90 - scan, 4 + scan);
        }
        var built = builder.Build();
        return built with
        {
            // Each customer's trend over the same scans, so that the views with it are checked too (axe, XSS).
            CustomerTrends = new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal)
            {
                ["acme"] = [.. built.Trend.Select((p, i) => p with { New = 3 + i, Open = 40 - i, Resolved = 2, Suppressed = 1 })],
                ["globex"] = [.. built.Trend.Select((p, i) => p with { New = 1, Open = 20 + i, Resolved = i, Suppressed = 0 })],
            },
            Waivers = new WaiverReport(
                [new WaiverNotice(Stale, "matches no failing finding: remove it or correct its pattern (owner team-search@example.com)")],
                [new WaiverNotice(Expired, "expired on 2025-05-01; the findings it covered are open again (owner team-payments@example.com)")]),
        };
    }

    private static Waiver Waiver(string resource, DateOnly expires, string owner, string reason) => new()
    {
        Rule = TagRule,
        Resource = $"arn:aws:sqs:eu-west-1:{ScanBuilder.AcmeAccount}:{resource}",
        Reason = reason,
        Owner = owner,
        Expires = expires,
    };
}
