namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>A resource as Config's batch calls name it. https://docs.aws.amazon.com/config/latest/APIReference/API_ResourceKey.html</summary>
internal sealed record ConfigResourceKey(string ResourceType, string ResourceId);
