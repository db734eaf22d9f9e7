namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// One request the server received: whose, where, which service, when (since the server started),
/// how it was answered, and its input (the JSON body, or the form's parameters).
/// </summary>
public sealed record RecordedRequest(string Account, string Region, string Service, string Operation, TimeSpan At, int Status, string? ErrorCode)
{
    public string JsonInput { get; init; } = "";
    /// <summary>How long after its arrival (<see cref="AwsTestServer.SentAtHeader"/>) the server began handling it.</summary>
    public TimeSpan HandledAfter { get; init; }
    /// <summary>The access key id that signed the request, when the signature was valid.</summary>
    public string? AccessKeyId { get; init; }
    public IReadOnlyDictionary<string, string> FormInput { get; init; } = new Dictionary<string, string>();
}
