using System.Text;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// The SARIF of <c>guardrails check</c>, written by the scan's <see cref="SarifReportWriter"/>: each finding
/// at the line and column of its logical id, so code hosts show it on the line; waived findings stay in
/// the log with an in-source suppression, as the standard asks; what was not assessed or could not be
/// read is a notification of the run rather than silence.
/// </summary>
internal static class SarifReport
{
    public static string Write(CheckResult result, string baseDirectory)
    {
        var run = new SarifRun
        {
            Rules = result.Rules,
            Results = [.. result.Findings.Select(f => new SarifResult(Finding(f), Source(f.File, f.Line, f.Column, f.LogicalId, baseDirectory) with { WaiverReason = f.WaivedBecause }))],
            ExecutionSuccessful = result.Unreadable.Count == 0,
            Notifications =
            [
                .. result.Unreadable.Select(error => new SarifNotification("error", error)),
                .. result.NotAssessed.Select(n => new SarifNotification("note", $"{n.Resource.Source.LogicalId} ({n.Resource.Source.Type}) not assessed: {n.Resource.Reason}",
                    Source(n.File, n.Resource.Source.Line, n.Resource.Source.Column, n.Resource.Source.LogicalId, baseDirectory))),
            ],
        };
        using var buffer = new MemoryStream();
        SarifReportWriter.Write(buffer, run, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A path relative to the checkout (forward slashes), which is how code hosts match results to files.</summary>
    public static string Uri(string file, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, Path.GetFullPath(file));
        return (relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(file) : relative).Replace('\\', '/');
    }

    private static SarifSource Source(string file, int line, int column, string logicalId, string baseDirectory) =>
        new(Uri(file, baseDirectory), line, column, logicalId);

    private static Finding Finding(TemplateFinding finding) => new()
    {
        RuleId = finding.RuleId,
        Family = finding.RuleId.Split('-', 2)[0],
        Severity = finding.Severity,
        Verdict = finding.Suppressed ? Verdict.Suppressed : finding.Verdict,
        ResourceArn = finding.ResourceArn,
        ResourceType = finding.ResourceType,
        AccountId = finding.AccountId,
        Region = finding.Region,
        Message = $"{finding.LogicalId}: {finding.Message}",
    };
}
