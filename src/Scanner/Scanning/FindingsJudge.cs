using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Waivers;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Scanning;

/// <summary>
/// Evaluates the catalog over resources and applies guardrails.yaml's waivers: the one path by which
/// a whole scan in one process and each (account, region) part of a scan on many workers are judged,
/// so that both find exactly the same.
/// </summary>
internal sealed class FindingsJudge(RuleCatalog catalog, GuardrailsConfig config)
{
    public sealed record Input
    {
        /// <summary>The resources to judge.</summary>
        public required IReadOnlyList<Resource> Resources { get; init; }
        /// <summary>What rules may look up beyond the judged resource (for a part: its whole account).</summary>
        public required IReadOnlyList<Resource> Inventory { get; init; }
        public required IReadOnlyList<CoverageGap> Gaps { get; init; }
        /// <summary>The rules' clock: the snapshot's collection time, so that a re-scan judges alike.</summary>
        public required DateTimeOffset Now { get; init; }
        /// <summary>The waivers' clock: the scan's start, the same for every part.</summary>
        public required DateTimeOffset WaiversAsOf { get; init; }
        public bool IncludePasses { get; init; }
        public Func<CoverageGap, bool> RecordsGap { get; init; } = static _ => true;
    }

    public Judgement Judge(Input input, CancellationToken cancellationToken)
    {
        var evaluator = new Evaluator(catalog, config.Estate, new Inventory(input.Inventory), config.ParamsFor, input.Now, config.Engine.RuleTimeout, keepsMessages: input.IncludePasses,
            allocationBudget: config.Engine.RuleMemoryMegabytes * 1024L * 1024);
        var scan = new ScanEvaluator(evaluator, config.Estate, input.Gaps)
        {
            IncludePasses = input.IncludePasses,
            RecordsGap = input.RecordsGap,
        };
        var (evaluated, summary) = scan.Run(input.Resources, cancellationToken);
        var (findings, matched) = new WaiverBook(config.Waivers, input.WaiversAsOf).Apply(evaluated);
        foreach (var finding in findings.Where(f => f.Verdict == Verdict.Suppressed))
        {
            // The evaluator counted it as a Fail; the waiver moves it, so the summary agrees with the list.
            summary[finding.Family].Fail--;
            summary[finding.Family].Suppressed++;
        }
        return new Judgement(findings, summary, matched);
    }
}
