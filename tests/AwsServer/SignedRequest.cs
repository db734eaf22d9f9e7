namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>A request as it arrived: what the signature covers.</summary>
internal sealed record SignedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
