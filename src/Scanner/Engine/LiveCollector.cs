using System.Collections.Concurrent;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Engine;

/// <summary>
/// Collects a part live from AWS, with the code of <c>guardrails collect</c> run on an estate of
/// this one account: its audit role assumed (external id of its customer), IAM and every region of
/// the estate, under the configured rate limits, failures as coverage gaps. The files go to a
/// directory of their own, are read back as a snapshot of one account, and are removed. Parts of
/// one account that run at the same time in this process share one collection. When AWS refuses
/// the worker's own credentials (<see cref="AuthenticationFailedException"/>) the part fails and
/// Hangfire retries it: a worker with bad keys must not record an estate of gaps.
/// </summary>
internal sealed class LiveCollector(GuardrailsConfig config, AWSCredentials credentials, AwsEndpoints endpoints, HttpClient http, string workDirectory, TextWriter log)
    : IPartCollector
{
    /// <summary>Collections under way, by account: the parts of one account that run at once in this process share one.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<CollectedAccount>>> _underWay = new(StringComparer.Ordinal);

    public async Task<CollectedAccount> CollectAsync(string accountId, CancellationToken cancellationToken)
    {
        var collection = _underWay.GetOrAdd(accountId, id => new Lazy<Task<CollectedAccount>>(() => CollectOnceAsync(id, cancellationToken)));
        try
        {
            return await collection.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            // A part that starts after this collection ended collects afresh: nothing is cached between scans.
            _underWay.TryRemove(KeyValuePair.Create(accountId, collection));
        }
    }

    private async Task<CollectedAccount> CollectOnceAsync(string accountId, CancellationToken cancellationToken)
    {
        var estate = OneAccount(config.Estate, accountId);
        var directory = Path.Combine(workDirectory, $"{accountId}-{Guid.NewGuid():N}");
        try
        {
            var collector = new Collector(new CollectorOptions { Credentials = credentials, Http = http, Endpoints = endpoints, Log = log });
            await collector.RunAsync(estate, config.Aws, directory, cancellationToken);
            var snapshot = SnapshotReader.ReadAccounts(directory, estate, new HashSet<string>(StringComparer.Ordinal) { accountId });
            return new CollectedAccount(snapshot.Resources, snapshot.Gaps, snapshot.CollectedAt, snapshot.Errors);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The estate cut to one account, which keeps its customer (whose external id the role wants) or its platform standing.</summary>
    private static Estate OneAccount(Estate estate, string accountId) => new(
        estate.CustomerOf(accountId) is { } customer ? [customer with { Accounts = [accountId] }] : [],
        estate.IsPlatform(accountId) || estate.CustomerOf(accountId) is null ? [accountId] : [],
        estate.Regions);
}
