using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Quotas;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>What evaluating an account (or a part of one) found, waivers applied, which waivers (by index) matched a Fail, and the quotas' usage it counted.</summary>
internal sealed record AccountFindings(List<Finding> Findings, Dictionary<string, FamilySummary> Summary, SortedSet<int> MatchedWaivers, List<QuotaUsageSample> QuotaUsage)
{
    /// <summary>Every evaluation by account, rule and control, waivers applied: what pass rates and compliance scores are made of.</summary>
    public ScanCounts Counts { get; init; } = new();

    /// <summary>An account's findings from its parts (the batches of a streamed account), added up.</summary>
    public static AccountFindings Sum(IEnumerable<AccountFindings> parts)
    {
        var sum = new AccountFindings([], RuleHeader.Families.ToDictionary(f => f, _ => new FamilySummary(), StringComparer.Ordinal), [], []);
        foreach (var part in parts)
        {
            sum.Findings.AddRange(part.Findings);
            foreach (var (family, counts) in part.Summary)
            {
                sum.Summary[family].Add(counts);
            }
            sum.MatchedWaivers.UnionWith(part.MatchedWaivers);
            sum.QuotaUsage.AddRange(part.QuotaUsage);
            sum.Counts.Add(part.Counts);
        }
        return sum;
    }
}

/// <summary>A scan evaluated in one process, before its history: the result, and the waivers that matched and the quota usage counted, which the store records.</summary>
internal sealed record EvaluatedScan(ScanResult Result, SortedSet<int> MatchedWaivers)
{
    public IReadOnlyList<QuotaUsageSample> QuotaUsage { get; init; } = [];
}
