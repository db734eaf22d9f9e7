using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports;

/// <summary>
/// The names of verdicts and severities: on the wire (camelCase, as findings.json and the report's
/// data carry them) and on screen. One place, so that the two never drift apart.
/// </summary>
internal static class Labels
{
    /// <summary>In the enum's order: a verdict's index in the report's data is its value.</summary>
    public static readonly IReadOnlyList<Verdict> Verdicts = Enum.GetValues<Verdict>();

    /// <summary>Worst first: the order in which columns of counts and filter options are shown.</summary>
    public static readonly IReadOnlyList<Verdict> VerdictsWorstFirst =
        [Verdict.Fail, Verdict.Error, Verdict.NotAssessed, Verdict.Suppressed, Verdict.Pass, Verdict.Skip];

    public static readonly IReadOnlyList<Severity> SeveritiesWorstFirst = [.. Enum.GetValues<Severity>().Reverse()];

    public static string Wire(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        Verdict.Skip => "skip",
        Verdict.Error => "error",
        Verdict.NotAssessed => "notAssessed",
        Verdict.Suppressed => "suppressed",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    public static string Wire(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static string Wire(FindingStatus status) => status switch
    {
        FindingStatus.New => "new",
        FindingStatus.Open => "open",
        FindingStatus.Resolved => "resolved",
        FindingStatus.Suppressed => "suppressed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Display(Verdict verdict) => verdict switch
    {
        Verdict.NotAssessed => "Not assessed",
        _ => verdict.ToString(),
    };

    public static string Display(Severity severity) => severity.ToString();
}
