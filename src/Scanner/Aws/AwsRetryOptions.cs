namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>How a request is retried and how long one attempt may take (from guardrails.yaml's aws section).</summary>
internal sealed record AwsRetryOptions(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan RequestTimeout);
