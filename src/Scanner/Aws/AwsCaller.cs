using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// The audit (hub) identity a collection starts from: the credentials that call STS and assume the audit role in
/// every account, and the home region STS is called in (null: the estate's first region).
/// </summary>
internal sealed record AwsCaller(AWSCredentials Credentials, string? HomeRegion);
