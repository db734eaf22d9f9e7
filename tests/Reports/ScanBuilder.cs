using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>
/// Builds a <see cref="ScanResult"/> for report tests: an estate of two customers and a platform
/// account by default, with findings and gaps added one by one.
/// </summary>
internal sealed class ScanBuilder
{
    public const string AcmeAccount = "111111111111";
    public const string AcmeSecondAccount = "222222222222";
    public const string GlobexAccount = "333333333333";
    public const string PlatformAccount = "999999999999";

    public static readonly DateTimeOffset FinishedAt = new(2025, 6, 1, 2, 7, 30, TimeSpan.Zero);

    private readonly List<Finding> _findings = [];
    private readonly List<CoverageGap> _gaps = [];
    private readonly List<RuleHeader> _rules = [];
    private readonly List<ScanTrendPoint> _trend = [];
    private readonly Dictionary<string, FamilySummary> _evaluations = new(StringComparer.Ordinal);
    private List<Customer> _customers =
    [
        new("acme", "Acme Foods", [AcmeAccount, AcmeSecondAccount]),
        new("globex", "Globex Corporation", [GlobexAccount]),
    ];
    private int _resources;

    public ScanBuilder WithCustomer(string id, string name, params string[] accounts)
    {
        _customers = [.. _customers.Where(c => c.Id != id), new Customer(id, name, accounts)];
        return this;
    }

    public ScanBuilder WithRule(
        string id,
        Severity severity = Severity.High,
        string? title = null,
        string remediation = "Fix it.",
        string rationale = "It matters.",
        params string[] controls)
    {
        _rules.Add(new RuleHeader
        {
            Id = id,
            Title = title ?? $"Resources comply with {id}",
            Severity = severity,
            ResourceTypes = ["*"],
            Remediation = remediation,
            Rationale = rationale,
            Controls = controls,
        });
        return this;
    }

    public ScanBuilder WithFinding(
        string ruleId = "tagging-required-tags",
        Verdict verdict = Verdict.Fail,
        string accountId = AcmeAccount,
        string? arn = null,
        string? message = null,
        Severity? severity = null,
        string region = "eu-west-1",
        string type = "AWS::SQS::Queue",
        IReadOnlyDictionary<string, string>? tags = null,
        FindingStatus? status = null,
        DateTimeOffset? firstSeen = null,
        string? evidence = null)
    {
        var rule = _rules.FirstOrDefault(r => r.Id == ruleId);
        if (rule is null)
        {
            WithRule(ruleId);
            rule = _rules[^1];
        }
        var finding = new Finding
        {
            RuleId = ruleId,
            Family = rule.Family,
            Severity = severity ?? rule.Severity,
            Verdict = verdict,
            ResourceArn = arn ?? $"arn:aws:sqs:{region}:{accountId}:queue-{_findings.Count}",
            ResourceType = type,
            AccountId = accountId,
            Region = region,
            Customer = _customers.FirstOrDefault(c => c.Accounts.Contains(accountId))?.Id,
            Message = message ?? $"queue-{_findings.Count} is missing the owner tag",
            Tags = tags,
            Status = status,
            FirstSeen = firstSeen,
            Evidence = evidence,
        };
        _findings.Add(finding);
        Evaluations(finding.Family).Add(verdict);
        _resources++;
        return this;
    }

    public ScanBuilder WithGap(string accountId, string? region, string source = CoverageGap.Sources.Config, string reason = "AccessDenied")
    {
        _gaps.Add(new CoverageGap(accountId, region, source, reason));
        return this;
    }

    /// <summary>Adds one past scan's counts to the trend, oldest first, a day apart.</summary>
    public ScanBuilder WithTrendPoint(int @new, int open, int resolved, int suppressed = 0)
    {
        _trend.Add(new ScanTrendPoint($"scan-{_trend.Count:00}", FinishedAt.AddDays(_trend.Count - 30), @new, open, resolved, suppressed));
        return this;
    }

    public ScanBuilder WithPasses(string family, int count)
    {
        Evaluations(family).Pass += count;
        _resources += count;
        return this;
    }

    public ScanResult Build() => new()
    {
        ScanId = "scan-2025-06-01",
        StartedAt = new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero),
        FinishedAt = FinishedAt,
        Resources = _resources,
        Evaluations = RuleHeader.Families.ToDictionary(f => f, Evaluations, StringComparer.Ordinal),
        Gaps = _gaps,
        Findings = _findings,
        Rules = _rules,
        Estate = new Estate(_customers, [PlatformAccount], ["eu-west-1", "us-east-1"]),
        Trend = _trend,
    };

    private FamilySummary Evaluations(string family)
    {
        if (!_evaluations.TryGetValue(family, out var summary))
        {
            _evaluations[family] = summary = new FamilySummary();
        }
        return summary;
    }
}
