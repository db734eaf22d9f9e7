using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Scanning;

/// <summary>What evaluating some resources found, waivers applied, and which waivers (by index) matched a Fail.</summary>
internal sealed record Judgement(List<Finding> Findings, Dictionary<string, FamilySummary> Summary, SortedSet<int> MatchedWaivers);
