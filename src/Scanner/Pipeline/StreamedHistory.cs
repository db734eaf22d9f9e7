using System.Threading.Channels;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// Records a scan made in one process while it is judged: the scan is begun before its first account, and each
/// account's findings are written into the scan's one part on a thread of their own while the next accounts are
/// judged (judging leaves a core idle between its batches and accounts; at a million resources writing the rows was
/// half of the history). Once the last account is judged, only the part's summary, completing the scan and reading
/// it back remain. The part is one transaction, as <see cref="IFindingsStore.SavePartAsync"/> writes it: a process
/// that dies while judging leaves no row of it, and the scan begun but never completed (pruned as an abandoned one).
/// </summary>
internal sealed class StreamedHistory : IAsyncDisposable
{
    private readonly ScanHistory _history;
    private readonly ScanRecord _scan;
    private readonly IPartWriter _writer;
    private readonly Channel<IReadOnlyList<Finding>> _accounts =
        Channel.CreateUnbounded<IReadOnlyList<Finding>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _writing;

    private StreamedHistory(ScanHistory history, ScanRecord scan, IPartWriter writer, CancellationToken cancellationToken)
    {
        _history = history;
        _scan = scan;
        _writer = writer;
        _writing = Task.Run(async () =>
        {
            await foreach (var findings in _accounts.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteAsync(findings, cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>Begins the scan (<paramref name="preferredId"/>, or the id the store gives it) and opens its part.</summary>
    public static async Task<StreamedHistory> BeginAsync(
        ScanHistory history, IFindingsStore store, string preferredId, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var scan = await history.BeginAsync(preferredId, startedAt, cancellationToken);
        var writer = await store.OpenPartAsync(scan.ScanId, PartKey.Whole, cancellationToken);
        return new StreamedHistory(history, scan, writer, cancellationToken);
    }

    /// <summary>An account's findings, as the scan holds them: written after those added before.</summary>
    public void Add(IReadOnlyList<Finding> findings)
    {
        if (!_accounts.Writer.TryWrite(findings))
        {
            throw new InvalidOperationException("the scan's findings were added after its history was recorded");
        }
    }

    /// <summary>
    /// After the last account: saves the part and completes the scan, and returns it as the store tells it.
    /// <paramref name="result"/>'s findings must be those added, in the order added.
    /// </summary>
    public async Task<ScanResult> RecordAsync(ScanResult result, SortedSet<int> matchedWaivers, IReadOnlyList<QuotaUsageSample> quotaUsage, CancellationToken cancellationToken)
    {
        _accounts.Writer.TryComplete();
        await _writing;
        var part = ScanHistory.Part(_scan, result, matchedWaivers, quotaUsage);
        await _writer.SaveAsync(part, cancellationToken);
        return await _history.CompleteAsync(_scan, part, result, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _accounts.Writer.TryComplete();
        // A failure of the writing was thrown by RecordAsync; when judging failed first, that failure is the one the caller sees.
        await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _writer.DisposeAsync();
    }
}
