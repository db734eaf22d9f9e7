namespace Ocado.Guardrails.Rules.Resources;

/// <summary>A relationship of a configuration item, as AWS Config records it.</summary>
public sealed record Relationship(string Name, string? ResourceType, string? ResourceId, string? ResourceName);
