using System.Collections.Concurrent;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Sources;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// A streamed account: judged from its index and batches of its resources, so that memory does not follow its
/// size (<see cref="Snapshots.SnapshotReader.AccountStream"/>). It finds exactly what judging the account held in
/// memory finds: rules look up only the index (the account's IAM), quotas count the whole account, and a gap
/// is known before any resource it covers is judged.
/// </summary>
internal sealed partial class ScanPipeline
{
    /// <summary>Config items judged together: enough to keep every core busy, few enough that memory stays flat.</summary>
    public int StreamBatchSize { get; init; } = 2048;

    /// <summary>Whether <c>scan</c> streams the accounts of a snapshot (the default) or holds each in memory, as a part on a worker does.</summary>
    public bool StreamsAccounts { get; init; } = true;

    /// <summary>What judging one account gave, however it was read.</summary>
    private sealed record JudgedAccount(AccountFindings Findings, IReadOnlyList<CoverageGap> Gaps, IReadOnlyList<string> Errors, long Resources);

    /// <summary>
    /// The account judged as a stream; null when it cannot be (then the caller reads it whole, and what was judged
    /// of it is dropped). <paramref name="settings"/> gives the clocks and what is kept; its resources are not used.
    /// <paramref name="garbage"/> is the scan's bound on the garbage its oldest generation gathers, checked after each batch.
    /// </summary>
    private JudgedAccount? EvaluateStreamed(string accountId, StreamedAccount account, AccountEvaluation settings, GarbageBound garbage, CancellationToken cancellationToken)
    {
        var stream = account.Stream;
        var parts = new List<AccountFindings>();
        var resources = 0L;
        // The network's gaps of this account too, as SnapshotSource.ReadAsync gives them to an account read whole.
        IReadOnlyList<CoverageGap> Gaps() => NetworkFiles.Including([.. stream.Gaps], account.Network, a => a == accountId);
        AccountFindings Judge(List<Resource> batch, Inventory index, bool recordsGaps) => EvaluateAccount(settings with
        {
            Resources = batch,
            Inventory = index,
            Gaps = Gaps(),
            Organization = account.Organization,
            Network = account.Network,
            // The account's gaps are recorded once, with its last batch, when every one of them is known.
            RecordsGap = recordsGaps ? settings.RecordsGap : static _ => false,
        }, cancellationToken);

        if (stream.Held >= AccountMemory.LargeAccount)
        {
            // The Tagging API's files of a large account were parsed whole: free them before the stream starts.
            AccountMemory.Release();
        }
        // Reading is one thread and judging every core: the next batch is read while one is judged.
        using (var batches = new BlockingCollection<List<Resource>>(boundedCapacity: 2))
        {
            var reading = Task.Run(() =>
            {
                try
                {
                    stream.ReadConfig(StreamBatchSize, batch => batches.Add(batch, cancellationToken));
                }
                finally
                {
                    batches.CompleteAdding();
                }
            }, cancellationToken);
            foreach (var batch in batches.GetConsumingEnumerable(cancellationToken))
            {
                parts.Add(Judge(batch, stream.Index, recordsGaps: false));
                resources += batch.Count;
                // An account of 250,000 resources is a hundred batches, each promoted before it dies.
                garbage.CollectIfGrown();
            }
            reading.GetAwaiter().GetResult();
        }
        if (stream.NotStreamable is { } why)
        {
            progress.Stage($"reading account {accountId} whole: {why}");
            return null;
        }
        var (rest, finalIndex) = stream.Rest();
        parts.Add(Judge(rest, finalIndex, recordsGaps: true));
        resources += rest.Count(r => r.AccountId != AuthorizationDetails.AwsAccount);
        if (resources >= AccountMemory.LargeAccount)
        {
            AccountMemory.Release();
        }
        return new JudgedAccount(AccountFindings.Sum(parts), Gaps(), stream.Errors, resources);
    }
}
