using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;
using Ocado.Guardrails.Scanner.Notifications;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>
/// The jobs of a scan. Start records the scan and enqueues one part per (account, region); each part
/// collects, evaluates and saves, and the part that brings the pending count to zero enqueues Finish,
/// which computes the history and writes the reports. No job waits for another. Jobs take ids, and
/// every step is idempotent: Hangfire runs a job again when its worker dies, and the second run
/// leaves the same rows. Public because Hangfire invokes the methods by reflection.
/// </summary>
public sealed class AuditJobs
{
    private readonly EngineRuntime _runtime;
    private readonly IBackgroundJobClient _jobs;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditJobs> _log;

    internal AuditJobs(EngineRuntime runtime, IBackgroundJobClient jobs, TimeProvider time, ILogger<AuditJobs> log)
    {
        _runtime = runtime;
        _jobs = jobs;
        _time = time;
        _log = log;
    }

    /// <summary>Starts a scan of one customer, or of the whole estate when <paramref name="customer"/> is null.</summary>
    [JobDisplayName("Audit {0}")]
    public async Task StartAsync(string? customer, PerformContext? context, CancellationToken cancellationToken)
    {
        var config = _runtime.Config;
        if (customer is not null && config.Estate.Customers.All(c => c.Id != customer))
        {
            _log.LogError("No customer {Customer} in {Config}: nothing to audit", customer, config.SourcePath);
            return;
        }
        var store = _runtime.Store;
        await store.EnsureSchemaAsync(cancellationToken);
        var startedAt = _time.GetUtcNow();
        var accounts = config.ScannedAccounts(customer);
        var scan = await store.BeginScanAsync(new NewScan
        {
            PreferredId = $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{customer ?? "estate"}",
            Scope = customer ?? ScanRecord.WholeEstate,
            RequestKey = context?.BackgroundJob.Id,
            CatalogHash = _runtime.Catalog.Hash,
            ConfigHash = config.ContentHash,
            StartedAt = startedAt,
            Parts = _runtime.Plan.Parts(accounts),
            Accounts = accounts,
        }, cancellationToken);
        var parts = _runtime.Plan.Parts(accounts);
        foreach (var part in parts)
        {
            _jobs.Enqueue<AuditJobs>(j => j.PartAsync(scan.ScanId, part.AccountId, part.Region, CancellationToken.None));
        }
        _log.LogInformation("Scan {ScanId}: {Parts} parts enqueued for {Accounts} accounts", scan.ScanId, parts.Count, accounts.Count);
    }

    [JobDisplayName("Scan {0}: {1} {2}")]
    [AutomaticRetry(Attempts = 5)]
    public async Task PartAsync(string scanId, string accountId, string region, CancellationToken cancellationToken)
    {
        var store = _runtime.Store;
        var scan = await store.FindScanAsync(scanId, cancellationToken) ?? throw new InvalidOperationException($"no scan {scanId} in the store");
        if (scan.IsComplete)
        {
            return;
        }
        // A worker with another catalog or other settings would judge differently: refuse, so that
        // Hangfire retries the part, and another worker (or this one, redeployed) takes it.
        if (scan.CatalogHash != _runtime.Catalog.Hash || scan.ConfigHash != _runtime.Config.ContentHash)
        {
            throw new InvalidOperationException(
                $"scan {scanId} was started with rule catalog {scan.CatalogHash[..8]} and settings {scan.ConfigHash[..8]}; this worker has {_runtime.Catalog.Hash[..8]} and {_runtime.Config.ContentHash[..8]}");
        }
        await DiscardEndedCollectionsAsync(cancellationToken);
        var account = await _runtime.Source.ReadAsync(scanId, accountId, cancellationToken);
        var plan = _runtime.Plan;
        var judged = account.Resources.Where(r => plan.Home(r.Region) == region).ToList();
        var asOf = account.CollectedAt ?? scan.StartedAt;
        var estate = _runtime.Config.Estate;
        var graph = await _runtime.Graphs.ForScanAsync(scanId, () =>
            PrincipalGraphStage.BuildAsync(_runtime.Source, scanId, estate.Accounts, estate, scan.StartedAt, ScanProgress.Silent, new GarbageBound(GarbageBound.DefaultHeadroom), CancellationToken.None));
        // The network across every account, as `scan` reads it: a path to judge here crosses the hub's and other customers' accounts.
        var network = await _runtime.Networks.ForScanAsync(scanId, () => _runtime.Source.ReadNetworkAsync(scanId, CancellationToken.None));
        var gaps = NetworkFiles.Including(account.Gaps, network, a => a == accountId);
        var evaluated = _runtime.Pipeline.EvaluateAccount(new AccountEvaluation
        {
            Graph = graph,
            // As in a one-process scan: the quotas carry their usage series, for the forecasts.
            QuotaHistory = await QuotaHistory.ReadAsync(store, accountId, asOf, cancellationToken),
            Resources = judged,
            Inventory = new Rules.Resources.Inventory(account.Resources.Where(Rules.Resources.Inventory.Indexes)),
            Gaps = gaps,
            Organization = account.Organization,
            Network = network,
            Now = asOf,
            WaiversAsOf = scan.StartedAt,
            RecordsGap = gap => plan.Home(gap.Region) == region,
        }, cancellationToken);
        var pending = await store.SavePartAsync(new PartResult
        {
            ScanId = scanId,
            Part = new PartKey(accountId, region),
            Resources = judged.Count,
            Evaluations = evaluated.Summary,
            Counts = evaluated.Counts,
            Gaps = gaps.Where(g => plan.Home(g.Region) == region).ToList(),
            MatchedWaivers = evaluated.MatchedWaivers,
            // Equal evidence texts and tag sets made one object each, as a one-process scan gathers them: the part's rows then keep each once (ResultRows).
            Findings = evaluated.Findings.Select(new SharedFindingText().Share).ToList(),
            QuotaUsage = evaluated.QuotaUsage,
        }, cancellationToken);
        // Also when this run found the part already saved (its first run died before enqueuing):
        // Finish is idempotent, and a scan must never be left waiting for a job nobody enqueued.
        if (pending == 0)
        {
            _jobs.Enqueue<AuditJobs>(j => j.FinishAsync(scanId, CancellationToken.None));
        }
    }

    [JobDisplayName("Scan {0}: history and reports")]
    public async Task FinishAsync(string scanId, CancellationToken cancellationToken)
    {
        // Every part is saved (Finish is enqueued at 0 pending): the scan's collected data is no longer needed.
        _runtime.Source.Discard(scanId);
        var store = _runtime.Store;
        var completed = await store.CompleteScanAsync(scanId, _time.GetUtcNow(), cancellationToken);
        var rules = _runtime.Catalog.Rules.Select(r => r.Header).ToList();
        var result = await StoredScanResult.ReadAsync(store, scanId, _runtime.Config, rules, _runtime.Catalog.Off, cancellationToken);
        var directory = Path.Combine(_runtime.Options.OutputDirectory, "scans", scanId);
        var scope = (await store.FindScanAsync(scanId, cancellationToken))!.Scope;
        await ScanOutputs.WriteAsync(result, directory, scope != ScanRecord.WholeEstate ? scope : null, ScanOutputs.DefaultFormats, null, cancellationToken);
        // At most once per channel, however often this job runs; a failed notification is recorded, never thrown.
        await new Notifier(store, _runtime.Config, NotifierHttp.Shared, _time, Environment.GetEnvironmentVariable, m => _log.LogWarning("{Message}", m))
            .NotifyAsync(result, scope, Notifier.ReportLink(_runtime.Config, scanId, Path.Combine(directory, "report.html")), cancellationToken);
        await store.PruneAsync(_time.GetUtcNow().AddDays(-_runtime.Config.Storage.RetentionDays), cancellationToken);
        await DiscardEndedCollectionsAsync(cancellationToken);
        _log.LogInformation("Scan {ScanId} {Done}: {Findings} findings, reports in {Directory}",
            scanId, completed ? "complete" : "was already complete", result.Findings.Count, directory);
    }

    /// <summary>
    /// Removes what this machine collected for scans that have ended: complete, pruned from the store,
    /// or started before the retention period. Finish discards its own scan only on the machine it
    /// runs on; the other machines' folders (and a dead worker's) go when they next run a part or a Finish.
    /// </summary>
    private async Task DiscardEndedCollectionsAsync(CancellationToken cancellationToken)
    {
        var retainedSince = _time.GetUtcNow().AddDays(-_runtime.Config.Storage.RetentionDays);
        foreach (var scanId in _runtime.Source.KeptScans())
        {
            var scan = await _runtime.Store.FindScanAsync(scanId, cancellationToken);
            if (scan is null || scan.IsComplete || scan.StartedAt < retainedSince)
            {
                _runtime.Source.Discard(scanId);
            }
        }
    }
}
