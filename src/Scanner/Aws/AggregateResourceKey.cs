namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>A resource as an aggregator names it. https://docs.aws.amazon.com/config/latest/APIReference/API_AggregateResourceIdentifier.html</summary>
internal sealed record AggregateResourceKey(string SourceAccountId, string SourceRegion, string ResourceType, string ResourceId);
