using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary>
/// The console view of <c>guardrails check</c>: findings grouped by file, each at its line, then what was suppressed or not
/// assessed; passes only when --status asks for them. The last line counts every finding, whatever --status lists.
/// </summary>
internal static class CheckConsoleReport
{
    public static void Write(TextWriter output, ScanResult result, Pipeline.StatusFilter? status = null)
    {
        status ??= Pipeline.StatusFilter.All;
        foreach (var error in result.UnreadableFiles)
        {
            output.WriteLine($"error: {error}");
        }
        var findings = result.Findings.Where(f => f.Verdict != Verdict.Pass).ToList();
        var listed = status.IsAll ? findings : status.Apply(result).Findings;
        foreach (var file in listed.GroupBy(f => f.Location!.File))
        {
            output.WriteLine(file.Key);
            foreach (var finding in file)
            {
                var at = finding.Location!;
                var suppressed = finding.Verdict == Verdict.Suppressed;
                output.WriteLine($"  {at.Line}:{at.Column}  {finding.Verdict.ToString().ToLowerInvariant(),-10} {finding.Severity.ToString().ToLowerInvariant(),-8} {finding.RuleId}  {at.LogicalId}");
                output.WriteLine($"        {(suppressed ? "waived: " + at.Waiver : finding.Message)}");
            }
        }
        foreach (var item in status.Apply(result).NotAssessed)
        {
            output.WriteLine($"{item.Location.File}:{item.Location.Line}:{item.Location.Column}  not assessed  {item.Location.LogicalId}: {item.Reason}");
        }
        foreach (var off in result.RulesOff)
        {
            output.WriteLine($"rule {off.RuleId} not run: {off.Reason}");
        }
        var suppressedCount = findings.Count(f => f.Verdict == Verdict.Suppressed);
        var passes = result.Findings.Count - findings.Count;
        output.WriteLine($"{result.SourceFiles.Count} template(s): {findings.Count - suppressedCount} finding(s), {suppressedCount} suppressed, {passes} pass(es), {result.NotAssessed.Count} resource(s) not assessed, {result.UnreadableFiles.Count} unreadable");
    }
}
