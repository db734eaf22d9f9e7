namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>An access key the server knows: the root caller's, or one it issued in AssumeRole (with its session token and expiration).</summary>
internal sealed record IssuedKey(string AccessKeyId, string SecretKey, string? SessionToken, string AccountId, string Arn, DateTimeOffset? Expires = null);
