using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>Whose API is called, where, and with which credentials: the unit of rate limiting.</summary>
internal sealed record AwsContext(string AccountId, string Region, AWSCredentials Credentials)
{
    /// <summary>Never the credentials: a context may end up in a log line.</summary>
    public override string ToString() => $"{AccountId}/{Region}";
}
