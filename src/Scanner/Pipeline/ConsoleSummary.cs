using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>The short summary a scan prints: what was judged, what failed, what could not be assessed, where the reports are.</summary>
internal static class ConsoleSummary
{
    public static void Write(TextWriter output, ScanResult result, IEnumerable<string> written, string? history = null)
    {
        output.WriteLine($"Scan {result.ScanId}: {result.Resources:N0} resources, {result.Rules.Count} rules, {(result.FinishedAt - result.StartedAt).TotalSeconds:F1} s");
        output.WriteLine($"  {"family",-12} {"pass",8} {"fail",8} {"error",8} {"skip",8} {"not assessed",13}");
        foreach (var (family, counts) in result.Evaluations.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {family,-12} {counts.Pass,8:N0} {counts.Fail,8:N0} {counts.Error,8:N0} {counts.Skip,8:N0} {counts.NotAssessed,13:N0}");
        }
        var failures = result.Findings.Where(f => f.Verdict == Verdict.Fail).ToList();
        var bySeverity = Enum.GetValues<Severity>().Reverse()
            .Select(s => $"{failures.Count(f => f.Severity == s):N0} {s.ToString().ToLowerInvariant()}");
        output.WriteLine($"Failures: {failures.Count:N0} ({string.Join(", ", bySeverity)})");
        var errors = result.Findings.Count(f => f.Verdict == Verdict.Error);
        if (errors > 0)
        {
            output.WriteLine($"Rule errors: {errors:N0} evaluations failed (see findings with verdict error)");
        }
        if (result.Gaps.Count > 0)
        {
            output.WriteLine($"Not covered: {result.Gaps.Count} coverage gap(s); their resources are NotAssessed, not clean:");
            foreach (var gap in result.Gaps.Take(10))
            {
                // Every part of a gap may come from a snapshot file: none reaches the terminal as a control sequence.
                var without = gap.Source == CoverageGap.Sources.Organizations ? " (no resource is NotAssessed: every verdict was judged without SCPs/RCPs)" : "";
                output.WriteLine(ConsoleText.Printable($"  - account {gap.AccountId}{(gap.Region is null ? "" : " " + gap.Region)} ({gap.Source}): {gap.Reason}{without}"));
            }
            if (result.Gaps.Count > 10)
            {
                output.WriteLine($"  ... and {result.Gaps.Count - 10} more");
            }
        }
        if (result.RulesOff.Count > 0)
        {
            output.WriteLine($"Rules not run: {result.RulesOff.Count}");
            foreach (var (reason, rules) in result.RulesOff.GroupBy(o => o.Reason).Select(g => (g.Key, g.Select(o => o.RuleId).ToList())))
            {
                output.WriteLine($"  - {reason}: {(rules.Count > 4 ? $"{string.Join(", ", rules.Take(4))} and {rules.Count - 4} more" : string.Join(", ", rules))}");
            }
        }
        if (history is not null)
        {
            var statuses = Enum.GetValues<FindingStatus>()
                .Select(s => $"{result.Findings.Count(f => f.Status == s):N0} {s.ToString().ToLowerInvariant()}");
            output.WriteLine($"History ({history}): {string.Join(", ", statuses)}");
        }
        foreach (var (kind, notices) in new[] { ("Stale", result.Waivers.Stale), ("Expired", result.Waivers.Expired) })
        {
            foreach (var notice in notices)
            {
                output.WriteLine(ConsoleText.Printable($"{kind} waiver: {notice.Waiver.Describe()}: {notice.Note}"));
            }
        }
        foreach (var path in written)
        {
            output.WriteLine(ConsoleText.Printable($"Wrote {path}"));
        }
        WriteNext(output, written.ToList());
    }

    /// <summary>What to do with what was written: the page to open, the JSON the other formats come from.</summary>
    private static void WriteNext(TextWriter output, IReadOnlyList<string> written)
    {
        var report = written.FirstOrDefault(p => Path.GetFileName(p) == "report.html");
        var json = written.FirstOrDefault(p => Path.GetFileName(p) == "findings.json");
        if (report is null && json is null)
        {
            return;
        }
        output.WriteLine("Next:");
        if (report is not null)
        {
            output.WriteLine(ConsoleText.Printable($"  open {report} in a browser (one self-contained file, works offline; customers' reports under customers/<id>/)"));
        }
        if (json is not null)
        {
            output.WriteLine(ConsoleText.Printable($"  the findings as JSON: {json}; as SARIF, CSV, JUnit or ASFF too: scan with --format json,html,sarif,csv,junit,asff, or guardrails report --from {json} --format sarif"));
        }
    }
}
