using System.Globalization;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Benchmarks.Report;

/// <summary>
/// A large estate's scan, deterministic: 40 customers of 5 accounts, 10 rules, mostly distinct ARNs
/// and messages (what the report cannot share between rows), tags on every resource, a history
/// status on every finding, policy statements in segregation messages, and 30 scans of trend.
/// </summary>
internal static class SyntheticScan
{
    private static readonly string[] Rules =
    [
        "tagging-required-tags", "tagging-cost-centre-format", "segregation-bucket-policy-no-foreign-customer",
        "segregation-kms-key-policy-no-foreign-customer", "segregation-role-trust-no-foreign-customer",
        "iam-policy-no-admin-wildcard", "iam-user-no-console-without-mfa", "iam-access-key-rotated",
        "iam-no-privilege-escalation", "quotas-headroom",
    ];

    private static readonly string[] Regions = ["eu-west-1", "eu-central-1", "us-east-1"];

    private static readonly string[] Types = ["AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::IAM::Role", "AWS::KMS::Key", "AWS::Lambda::Function"];

    private static readonly DateTimeOffset Finished = new(2026, 11, 27, 2, 14, 0, TimeSpan.Zero);

    public static ScanResult Build(int count)
    {
        var customers = Enumerable.Range(0, 40).Select(c => new Customer(
            $"customer-{c:00}", $"Customer Number {c:00} Limited",
            [.. Enumerable.Range(0, 5).Select(a => (500_000_000_000L + c * 10 + a).ToString(CultureInfo.InvariantCulture))])).ToList();
        var accounts = customers.SelectMany(c => c.Accounts.Select(a => (Account: a, Customer: c))).ToList();
        var rules = Rules.Select((id, i) => new RuleHeader
        {
            Id = id,
            Title = $"Resources comply with {id}",
            Severity = (Severity)(i % 5),
            ResourceTypes = ["*"],
            Remediation = "Fix the resource, or waive the rule with a reason and an expiry.",
            Rationale = "Untagged or over-shared resources cannot be attributed, billed or contained.",
            Controls = ["CIS AWS 1.16"],
        }).ToList();
        var findings = new List<Finding>(count);
        var evaluations = RuleHeader.Families.ToDictionary(f => f, _ => new FamilySummary(), StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var (account, customer) = accounts[i % accounts.Count];
            var region = Regions[i % Regions.Length];
            var type = Types[i % Types.Length];
            var service = type.Split("::")[1].ToLowerInvariant();
            var name = $"{service}-{i / 2:000000}-orders-processing-{region}";
            var rule = rules[i % rules.Count];
            var verdict = i % 7 == 0 ? Verdict.NotAssessed : i % 11 == 0 ? Verdict.Suppressed : Verdict.Fail;
            var message = rule.Family == "segregation" && i % 3 == 0
                ? $"{name} grants another account access: {{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::{account}:root\"}},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::{name}/*\"}}; remove the statement"
                : $"{name} is missing the tags owner, cost-centre and environment; add them or waive the rule with a reason and expiry";
            findings.Add(new Finding
            {
                RuleId = rule.Id,
                Family = rule.Family,
                Severity = rule.Severity,
                Verdict = verdict,
                ResourceArn = $"arn:aws:{service}:{region}:{account}:{name}",
                ResourceType = type,
                AccountId = account,
                Region = region,
                Customer = customer.Id,
                Message = message,
                Status = verdict == Verdict.Suppressed ? FindingStatus.Suppressed : i % 10 == 0 ? FindingStatus.New : FindingStatus.Open,
                FirstSeen = Finished.AddDays(-(i % 90)),
                Tags = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["Name"] = name,
                    ["owner"] = $"team-{i % 37}@example.com",
                    ["environment"] = i % 4 == 0 ? "staging" : "production",
                    ["customer"] = customer.Id,
                },
            });
            evaluations[rule.Family].Add(verdict);
        }
        return new ScanResult
        {
            ScanId = "benchmark-" + Finished.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartedAt = Finished.AddMinutes(-14),
            FinishedAt = Finished,
            Resources = count,
            Evaluations = evaluations,
            Gaps = [new CoverageGap(accounts[3].Account, "us-east-1", CoverageGap.Sources.Config, "AccessDenied: not authorized to perform config:SelectResourceConfig")],
            Findings = findings,
            Rules = rules,
            Estate = new Estate(customers, ["999999999999"], Regions),
            Trend = [.. Enumerable.Range(0, 30).Select(d => new ScanTrendPoint(
                $"scan-{d:00}", Finished.AddDays(d - 29), 2_000 + (d * 397 % 1_500), count - 20_000 + d * 500, 1_500 + (d * 211 % 1_200), 9_000))],
        };
    }
}
