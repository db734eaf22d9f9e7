namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>One request the server received: whose, where, which service, when (since the server started), and how it was answered.</summary>
public sealed record RecordedRequest(string Account, string Region, string Service, string Operation, TimeSpan At, int Status, string? ErrorCode);
