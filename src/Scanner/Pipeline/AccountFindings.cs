using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>What evaluating an account (or a part of one) found, waivers applied, and which waivers (by index) matched a Fail.</summary>
internal sealed record AccountFindings(List<Finding> Findings, Dictionary<string, FamilySummary> Summary, SortedSet<int> MatchedWaivers);

/// <summary>A scan evaluated in one process, before its history: the result, and the waivers that matched, which the store records.</summary>
internal sealed record EvaluatedScan(ScanResult Result, SortedSet<int> MatchedWaivers);
