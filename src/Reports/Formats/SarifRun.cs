using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// What one SARIF run is made of, whether it comes from a scan of live accounts or from
/// <c>guardrails check</c> on templates: <see cref="SarifReportWriter"/> writes both.
/// </summary>
internal sealed record SarifRun
{
    /// <summary>The rules that ran; a rule a result names without a header is listed by its id alone.</summary>
    public required IReadOnlyList<RuleHeader> Rules { get; init; }
    public required IReadOnlyList<SarifResult> Results { get; init; }
    /// <summary>automationDetails.id, which GitHub reads as the category up to its last slash; none when null.</summary>
    public string? AutomationId { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>False when something could not be read, so the run judged less than it was given.</summary>
    public bool ExecutionSuccessful { get; init; } = true;
    /// <summary>What the run did not judge and why: the invocation's tool execution notifications.</summary>
    public IReadOnlyList<SarifNotification> Notifications { get; init; } = [];
}

/// <summary>One result: a finding and, when it is about a template, the place in the file it points at.</summary>
internal readonly record struct SarifResult(Finding Finding, SarifSource? Source = null);

/// <summary>
/// A place in a template: the file as a URI relative to the checkout (which is how code hosts match
/// results to files), the 1-based line and column of the logical id, and the reason of a waiver
/// written there, if any.
/// </summary>
internal sealed record SarifSource(string Uri, int Line, int Column, string LogicalId)
{
    public string? WaiverReason { get; init; }
}

/// <summary>Something the run reports about itself rather than about a resource: a level (note, warning, error), a text and a place when known.</summary>
internal sealed record SarifNotification(string Level, string Message, SarifSource? Source = null);
