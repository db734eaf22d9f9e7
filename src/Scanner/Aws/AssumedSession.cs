using Amazon.Runtime;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>One session of an assumed role: its keys and token, and when STS said they expire.</summary>
internal sealed record AssumedSession(ImmutableCredentials Credentials, DateTimeOffset Expires)
{
    /// <summary>Never the keys: a session may end up in a log line.</summary>
    public override string ToString() => $"a session until {Expires:O}";
}
