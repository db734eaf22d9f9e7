namespace Ocado.Guardrails.Rules.Findings;

/// <summary>
/// Where a finding is written, when it is about a file rather than a deployed resource: the 1-based line and
/// column of a CloudFormation template's logical id, as <c>guardrails check</c> reports it.
/// </summary>
public sealed record SourceLocation(string File, int Line, int Column, string LogicalId)
{
    /// <summary>The reason of a waiver written in the file beside the resource, when one suppresses the finding.</summary>
    public string? Waiver { get; init; }
}

/// <summary>A resource of a checked file that no rule judged, and why (an unmapped type, a false condition, a policy whose target is elsewhere).</summary>
public sealed record NotAssessedResource(SourceLocation Location, string ResourceType, string Reason);
