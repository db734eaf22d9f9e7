using System.Collections.Concurrent;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>Evaluates a catalog over a whole inventory, in parallel, honouring coverage gaps.</summary>
public sealed class ScanEvaluator
{
    private readonly Evaluator _evaluator;
    private readonly Estate _estate;
    private readonly IReadOnlyList<CoverageGap> _gaps;

    // The rules that apply to a resource type, in catalog order: asked once per type, not once per rule and resource.
    private readonly ConcurrentDictionary<string, int[]> _rulesOfType = new(StringComparer.Ordinal);

    public ScanEvaluator(Evaluator evaluator, Estate estate, IReadOnlyList<CoverageGap> gaps)
    {
        _evaluator = evaluator;
        _estate = estate;
        _gaps = gaps;
    }

    public bool IncludePasses { get; init; }

    /// <summary>
    /// Which gaps this evaluation records as account-level NotAssessed findings (default: all). A
    /// scan split into parts passes every part the gaps of its account, for its resources, but
    /// records each gap in one part only, so that it is counted once.
    /// </summary>
    public Func<CoverageGap, bool> RecordsGap { get; init; } = static _ => true;

    public (List<Finding> Findings, Dictionary<string, FamilySummary> Summary) Run(IEnumerable<Resource> resources, CancellationToken cancellationToken) =>
        Run(resources, null, cancellationToken);

    /// <summary>Evaluates, and adds to <paramref name="counts"/> every evaluation by account, rule and control (passes included, whatever is kept).</summary>
    public (List<Finding> Findings, Dictionary<string, FamilySummary> Summary) Run(IEnumerable<Resource> resources, ScanCounts? counts, CancellationToken cancellationToken)
    {
        // Each of the loop's tasks hands its parts over once, at its end: a lock, not a ConcurrentBag (whose ThreadLocal,
        // three per batch of a streamed account, only the finalizer thread frees).
        var findings = new List<List<Finding>>();
        var summaries = new List<Dictionary<string, FamilySummary>>();
        var counters = new List<ScanCounter>();
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(
            resources,
            options,
            () => NewLocal(),
            (resource, _, local) =>
            {
                EvaluateOne(resource, local.Findings, local.SummaryOfRule, local.Counter, local.LastType);
                return local;
            },
            local =>
            {
                lock (findings)
                {
                    findings.Add(local.Findings);
                    summaries.Add(local.Summary);
                    counters.Add(local.Counter);
                }
            });

        var all = findings.SelectMany(f => f).ToList();
        var summary = NewSummary();
        foreach (var part in summaries)
        {
            foreach (var (family, familyCounts) in part)
            {
                summary[family].Add(familyCounts);
            }
        }
        var counter = new ScanCounter(_evaluator.Rules);
        AddAccountLevelGaps(all, summary, counter);
        if (counts is not null)
        {
            foreach (var local in counters.Append(counter))
            {
                local.AddTo(counts);
            }
        }
        all.Sort((a, b) => string.CompareOrdinal(a.RuleId, b.RuleId) is var c and not 0 ? c : string.CompareOrdinal(a.ResourceArn, b.ResourceArn));
        return (all, summary);
    }

    /// <summary>
    /// One thread's findings, family counts and counter; each rule's family count is found once here, not by its
    /// family's name at every evaluation.
    /// </summary>
    private (List<Finding> Findings, Dictionary<string, FamilySummary> Summary, FamilySummary[] SummaryOfRule, ScanCounter Counter, TypeRules LastType) NewLocal()
    {
        var summary = NewSummary();
        return (new List<Finding>(), summary, [.. _evaluator.Rules.Select(r => summary[r.Header.Family])], new ScanCounter(_evaluator.Rules), new TypeRules());
    }

    /// <summary>
    /// One thread's last resource type and the rules that apply to it: resources come in runs of one type (a Config
    /// file's items, an account's IAM), so most resources find their rules without hashing their type.
    /// </summary>
    private sealed class TypeRules
    {
        public string? Type;
        public int[] Rules = [];
    }

    private int[] RulesOf(string type, TypeRules last)
    {
        if (!string.Equals(type, last.Type, StringComparison.Ordinal))
        {
            last.Rules = _rulesOfType.GetOrAdd(type, static (type, all) => [.. Enumerable.Range(0, all.Count).Where(i => all[i].Header.AppliesTo(type))], _evaluator.Rules);
            last.Type = type;
        }
        return last.Rules;
    }

    private void EvaluateOne(Resource resource, List<Finding> findings, FamilySummary[] summaryOfRule, ScanCounter counter, TypeRules lastType)
    {
        // AWS managed policies are in the inventory to be looked up, not judged: no customer owns them.
        if (resource.AccountId == AuthorizationDetails.AwsAccount)
        {
            return;
        }
        var rules = _evaluator.Rules;
        // The tags travel with the finding so that a report's resource page can show them, secret-looking values
        // masked: worked out at the resource's first finding, since most resources have none.
        IReadOnlyDictionary<string, string>? tags = null;
        var tagsMasked = false;
        var anyMasked = false;
        var gap = GapOf(resource);
        counter.BeginResource(resource.AccountId);
        foreach (var i in RulesOf(resource.Type, lastType))
        {
            var header = rules[i].Header;
            var result = gap is not null
                ? new RuleResult(Verdict.NotAssessed, NotAssessedMessage(gap))
                : _evaluator.Evaluate(i, resource);
            summaryOfRule[i].Add(result.Verdict);
            counter.Add(i, result.Verdict);
            if (result.Verdict != Verdict.Skip && (result.Verdict != Verdict.Pass || IncludePasses))
            {
                if (!tagsMasked)
                {
                    tags = resource.Tags.Count > 0 ? SecretMask.Tags(resource.Tags) : null;
                    anyMasked = tags is not null && !ReferenceEquals(tags, resource.Tags);
                    tagsMasked = true;
                }
                var finding = ToFinding(header, resource.Arn, resource.Type, resource.AccountId, resource.Region, result) with { Tags = tags };
                findings.Add(anyMasked ? Masked(finding, resource.Tags) : finding);
            }
        }
        counter.EndResource();
    }

    /// <summary>The first coverage gap over the resource, or null: asked of every resource, so without a closure each.</summary>
    private CoverageGap? GapOf(Resource resource)
    {
        for (var i = 0; i < _gaps.Count; i++)
        {
            if (_gaps[i].Covers(resource.AccountId, resource.Region, resource.Type))
            {
                return _gaps[i];
            }
        }
        return null;
    }

    /// <summary>
    /// An account or region that could not be read has no resources to judge: each rule the gap
    /// touches is recorded once as NotAssessed for the account, so that silence never reads as clean.
    /// </summary>
    private void AddAccountLevelGaps(List<Finding> findings, Dictionary<string, FamilySummary> summary, ScanCounter counter)
    {
        foreach (var gap in _gaps.Where(RecordsGap))
        {
            // The account stands for its unread resources: one not assessed resource per control.
            counter.BeginResource(gap.AccountId);
            for (var i = 0; i < _evaluator.Rules.Count; i++)
            {
                var rule = _evaluator.Rules[i];
                var types = rule.Header.ResourceTypes.Select(t => t == "*" ? "AWS::S3::Bucket" : t);
                if (!types.Any(t => gap.Covers(gap.AccountId, gap.Region ?? "global", t)))
                {
                    continue;
                }
                summary[rule.Family].Add(Verdict.NotAssessed);
                counter.Add(i, Verdict.NotAssessed);
                findings.Add(ToFinding(
                    rule.Header, $"arn:aws:iam::{gap.AccountId}:root", ResourceTypeNames.Account, gap.AccountId,
                    gap.Region ?? "global", new RuleResult(Verdict.NotAssessed, NotAssessedMessage(gap))));
            }
            counter.EndResource();
        }
    }

    /// <summary>A finding of a resource with a secret-looking tag, with that value masked wherever the rule quoted it.</summary>
    private static Finding Masked(Finding finding, IReadOnlyDictionary<string, string> tags) => finding with
    {
        Message = SecretMask.InText(finding.Message, tags),
        Evidence = finding.Evidence is { } evidence ? SecretMask.InText(evidence, tags) : null,
    };

    private static string NotAssessedMessage(CoverageGap gap) =>
        $"not assessed: {gap.Source} could not be collected for account {gap.AccountId}{(gap.Region is null ? "" : " in " + gap.Region)}: {gap.Reason}";

    private Finding ToFinding(RuleHeader header, string arn, string type, string accountId, string region, RuleResult result) => new()
    {
        RuleId = header.Id,
        Family = header.Family,
        Severity = header.Severity,
        Verdict = result.Verdict,
        ResourceArn = arn,
        ResourceType = type,
        AccountId = accountId,
        Region = region,
        Customer = _estate.CustomerOf(accountId)?.Id,
        Message = result.Message,
        // Rendered here, outside the rule, with secret-looking tag values masked as the finding's tags are.
        Evidence = result.Evidence?.ToJson(),
    };

    private static Dictionary<string, FamilySummary> NewSummary() =>
        RuleHeader.Families.ToDictionary(f => f, _ => new FamilySummary(), StringComparer.Ordinal);
}
