using Amazon.Runtime;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>What every part of one collection shares: where to write, how to call, what went missing.</summary>
internal sealed record CollectionRun
{
    public required Estate Estate { get; init; }
    public required AwsSettings Settings { get; init; }
    public required string OutputDirectory { get; init; }
    public required AwsClients Clients { get; init; }
    public required RoleAssumer Roles { get; init; }
    public required CollectionGaps Gaps { get; init; }
    public required CollectionProgress Progress { get; init; }
    public required SecretRegistry Secrets { get; init; }
    public required TimeProvider Time { get; init; }
    public required string SessionName { get; init; }

    /// <summary>How often GetCredentialReport is asked again while IAM generates the report.</summary>
    public TimeSpan CredentialReportPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The rate of IAM's service-last-accessed jobs, per account; null when guardrails.yaml does not enable them.</summary>
    public RateLimiters? JobLimiters { get; init; }

    /// <summary>The aggregator account's credentials, assumed once and shared by every account's Config collection.</summary>
    public Lazy<Task<AWSCredentials>>? AggregatorCredentials { get; init; }

    /// <summary>The previous snapshot an incremental collection starts from; null: everything is collected in full.</summary>
    public IncrementalState? Incremental { get; init; }

    public string AccountDirectory(string accountId) => SnapshotLayout.Account(OutputDirectory, accountId);

    /// <summary>Assumes the audit role in an account, with the external id of the customer that owns it.</summary>
    public async Task<AWSCredentials> AssumeAsync(string accountId, CancellationToken cancellationToken)
    {
        var externalId = Settings.ExternalIdFor(Estate.CustomerOf(accountId)?.Id);
        var credentials = await Roles.AssumeAsync(accountId, Settings.RoleName, externalId, SessionName, cancellationToken);
        Secrets.Add(credentials);
        return credentials;
    }
}
