using Amazon.Runtime;
using Ocado.Guardrails.Scanner.Aws;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>What a collection needs from its host: credentials, endpoints, the HTTP client, the clock and where to log.</summary>
internal sealed class CollectorOptions
{
    public required AWSCredentials Credentials { get; init; }
    public required HttpClient Http { get; init; }
    /// <summary>Where STS is called (--region); null: the estate's first region.</summary>
    public string? HomeRegion { get; init; }
    public AwsEndpoints Endpoints { get; init; } = AwsEndpoints.FromEnvironment();
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public TextWriter Log { get; init; } = Console.Error;
    public bool Interactive { get; init; }
    public TimeSpan CredentialReportPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The limits the previous snapshot's files are read within (an incremental collection reads them).</summary>
    public Configuration.InputLimits Limits { get; init; } = Configuration.InputLimits.Default;

    /// <summary>Replaces the clients (a test's, or AWS's own SDK packages); null for ours.</summary>
    public Func<AwsRequestSender, AwsClients>? Clients { get; init; }
}
