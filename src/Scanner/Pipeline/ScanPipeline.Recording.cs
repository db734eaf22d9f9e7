using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>Recording a scan made in one process in the findings store: after judging, or while it judges.</summary>
internal sealed partial class ScanPipeline
{
    /// <summary>A scan's id (before the store makes it unique) and its start.</summary>
    private readonly record struct ScanStart(string ScanId, DateTimeOffset StartedAt);

    private ScanStart Start()
    {
        var startedAt = time.GetUtcNow();
        return new ScanStart($"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{catalog.Hash[..8]}", startedAt);
    }

    /// <summary>Records a scan evaluated in one process in the findings store, and returns it as the store tells it (status, first seen, trend).</summary>
    public async Task<ScanResult> RecordAsync(IFindingsStore store, EvaluatedScan scan, string? customer, CancellationToken cancellationToken)
    {
        // Without the fresh stack, the findings as evaluated stayed reachable beside the ones read back, under the reports.
        var recorded = await FreshStack.After(new ScanHistory(store, time, config, customer, catalog.Hash).RecordAsync(scan.Result, scan.MatchedWaivers, cancellationToken, scan.QuotaUsage));
        AccountMemory.ReturnToSystem();
        return recorded;
    }

    /// <summary>
    /// Evaluates the snapshot and records it in the store as it goes (<see cref="StreamedHistory"/>): the same scan, statuses
    /// and history as <see cref="EvaluateAsync(ScanOptions, CancellationToken, IFindingsStore?)"/> then <see cref="RecordAsync"/>,
    /// with each account's rows written while the next is judged. Returns the scan as the store tells it.
    /// </summary>
    public async Task<ScanResult> EvaluateAndRecordAsync(ScanOptions options, IFindingsStore store, CancellationToken cancellationToken)
    {
        var start = Start();
        var history = new ScanHistory(store, time, config, options.Customer, catalog.Hash);
        await using var recorder = await StreamedHistory.BeginAsync(history, store, start.ScanId, start.StartedAt, cancellationToken);
        // As RecordAsync: the findings as evaluated live in that method's frame only, not beside the ones read back.
        var recorded = await FreshStack.After(JudgeAndRecordAsync(options, start, store, recorder, cancellationToken));
        AccountMemory.ReturnToSystem();
        return recorded;
    }

    private async Task<ScanResult> JudgeAndRecordAsync(ScanOptions options, ScanStart start, IFindingsStore store, StreamedHistory recorder, CancellationToken cancellationToken)
    {
        var scan = await EvaluateAsync(options, start, store, recorder, cancellationToken);
        progress.Stage($"recording the scan in {FindingsStores.Describe(store)}");
        return await recorder.RecordAsync(scan.Result, scan.MatchedWaivers, scan.QuotaUsage, cancellationToken);
    }
}
