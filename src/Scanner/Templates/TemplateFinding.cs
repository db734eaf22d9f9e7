using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>One verdict of one rule on one template resource, placed at the resource's logical id.</summary>
internal sealed record TemplateFinding
{
    public required string File { get; init; }
    public required string LogicalId { get; init; }
    public required int Line { get; init; }
    public required int Column { get; init; }
    public required string ResourceType { get; init; }
    /// <summary>The ARN the resource will have once deployed, as the rules saw it; its identity across runs.</summary>
    public required string ResourceArn { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    public required string RuleId { get; init; }
    public required string RuleTitle { get; init; }
    public required Severity Severity { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Message { get; init; }
    /// <summary>The reason of the template waiver that suppresses this finding, or null.</summary>
    public string? WaivedBecause { get; init; }

    public bool Suppressed => WaivedBecause is not null;
}
