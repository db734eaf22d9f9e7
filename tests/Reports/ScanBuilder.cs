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

    private readonly List<Finding> _findings = [];
    private readonly List<CoverageGap> _gaps = [];
    private readonly List<RuleHeader> _rules = [];
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
        string type = "AWS::SQS::Queue")
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
        FinishedAt = new DateTimeOffset(2025, 6, 1, 2, 7, 30, TimeSpan.Zero),
        Resources = _resources,
        Evaluations = RuleHeader.Families.ToDictionary(f => f, Evaluations, StringComparer.Ordinal),
        Gaps = _gaps,
        Findings = _findings,
        Rules = _rules,
        Estate = new Estate(_customers, [PlatformAccount], ["eu-west-1", "us-east-1"]),
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
