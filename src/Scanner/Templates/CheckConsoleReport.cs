namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>The console view: findings grouped by file, each at its line, then what was suppressed or not assessed.</summary>
internal static class CheckConsoleReport
{
    public static void Write(TextWriter output, CheckResult result)
    {
        foreach (var error in result.Unreadable)
        {
            output.WriteLine($"error: {error}");
        }
        foreach (var file in result.Findings.GroupBy(f => f.File))
        {
            output.WriteLine(file.Key);
            foreach (var finding in file)
            {
                var verdict = finding.Suppressed ? "suppressed" : finding.Verdict.ToString().ToLowerInvariant();
                output.WriteLine($"  {finding.Line}:{finding.Column}  {verdict,-10} {finding.Severity.ToString().ToLowerInvariant(),-8} {finding.RuleId}  {finding.LogicalId}");
                output.WriteLine($"        {(finding.Suppressed ? "waived: " + finding.WaivedBecause : finding.Message)}");
            }
        }
        foreach (var (file, item) in result.NotAssessed)
        {
            output.WriteLine($"{file}:{item.Source.Line}:{item.Source.Column}  not assessed  {item.Source.LogicalId}: {item.Reason}");
        }
        var open = result.Open.Count();
        output.WriteLine($"{result.Files.Count} template(s): {open} finding(s), {result.Findings.Count - open} suppressed, {result.Passes.Count} pass(es), {result.NotAssessed.Count} resource(s) not assessed, {result.Unreadable.Count} unreadable");
    }
}
