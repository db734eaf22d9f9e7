using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// <c>--fail-on</c>, for <c>scan</c> and <c>check</c> alike: exit 1 when an unwaived Fail or Error at or above
/// the threshold remains. A waived finding is Suppressed, and an Error counts: a rule that broke proved nothing.
/// </summary>
internal static class FailOn
{
    public static readonly string[] Choices = ["critical", "high", "medium", "low", "info", "none"];

    /// <summary>The threshold, or null for "none".</summary>
    public static Severity? Parse(string choice) =>
        choice == "none" ? null : Enum.Parse<Severity>(choice, ignoreCase: true);

    /// <summary>Exit 1 when a finding at or above the threshold remains that the baseline (if any) does not accept.</summary>
    public static int ExitCode(IEnumerable<Finding> findings, Severity? threshold, Baseline? baseline = null) =>
        threshold is { } minimum && findings.Any(f => f.Verdict is Verdict.Fail or Verdict.Error && f.Severity >= minimum && baseline?.Contains(f) != true)
            ? ExitCodes.Findings
            : ExitCodes.Ok;
}
