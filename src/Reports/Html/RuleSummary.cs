using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// A rule as its panel shows it. <see cref="Header"/> is null when findings name a rule the scan
/// has no header for (a report re-rendered from an older findings.json).
/// </summary>
internal sealed record RuleSummary(int Index, string Id, RuleHeader? Header, Severity Severity)
{
    public VerdictCounts Counts { get; } = new();

    /// <summary>Distinct resources with a Fail or Error verdict of this rule.</summary>
    public int AffectedResources { get; set; }

    public string Title => Header?.Title ?? Id;
}
