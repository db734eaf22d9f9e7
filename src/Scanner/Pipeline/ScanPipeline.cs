using System.Diagnostics;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Waivers;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// The one scan pipeline: source → evaluate → waivers → history → outputs → exit code. <c>scan</c> runs it
/// whole in one process (<see cref="RunAsync"/>); the Hangfire jobs run its stages apart (a part evaluates
/// one account's region with <see cref="EvaluateAccount"/>, the final job writes the outputs). Both evaluate
/// through <see cref="EvaluateAccount"/>, so that one process and many workers find exactly the same.
/// </summary>
internal sealed partial class ScanPipeline(GuardrailsConfig config, RuleCatalog catalog, TimeProvider time, ScanProgress progress)
{
    /// <summary>Evaluates the catalog on an account's resources and applies guardrails.yaml's waivers.</summary>
    public AccountFindings EvaluateAccount(AccountEvaluation input, CancellationToken cancellationToken)
    {
        var evaluator = new Evaluator(catalog, config.Estate, input.Inventory, config.ParamsFor, input.Now, config.Engine.RuleTimeout, keepsMessages: input.IncludePasses,
            allocationBudget: config.Engine.RuleMemoryMegabytes * 1024L * 1024, organization: input.Organization, network: input.Network, graph: input.Graph);
        var scan = new ScanEvaluator(evaluator, config.Estate, input.Gaps)
        {
            IncludePasses = input.IncludePasses,
            RecordsGap = input.RecordsGap,
        };
        var quotaUsage = QuotaHistory.Samples(input.Resources, input.Now);
        var resources = input.QuotaHistory is { } history ? QuotaHistory.Attach(input.Resources, history, quotaUsage) : input.Resources;
        var counts = new ScanCounts();
        var (evaluated, summary) = scan.Run(resources, counts, cancellationToken);
        var (findings, matched) = new WaiverBook(config.Waivers, input.WaiversAsOf).Apply(evaluated);
        foreach (var finding in findings.Where(f => f.Verdict == Verdict.Suppressed))
        {
            // The evaluator counted it as a Fail; the waiver moves it, so the summary agrees with the list.
            summary[finding.Family].Suppress(Verdict.Fail);
            counts.Suppress(finding.AccountId, finding.RuleId, Verdict.Fail);
        }
        return new AccountFindings(findings, summary, matched, quotaUsage) { Counts = counts };
    }

    /// <summary>A snapshot directory, read account by account: see <see cref="EvaluateAsync(IAccountSource, IReadOnlyList{string}, ScanOptions, CancellationToken, IFindingsStore)"/>.</summary>
    public Task<EvaluatedScan> EvaluateAsync(ScanOptions options, CancellationToken cancellationToken, IFindingsStore? history = null)
    {
        // A configuration of a type no rule judges is kept as its text, parsed only if read (ConfigurationReads).
        var reads = ConfigurationReads.Judged(catalog.Rules.Select(r => r.Header.ResourceTypes));
        var source = new SnapshotSource(options.SnapshotDirectory, config.Estate, config.Limits with { ReadConfigurations = reads });
        var scanned = config.ScannedAccounts(options.Customer);
        var accounts = source.Accounts().Where(a => options.Customer is null || scanned.Contains(a)).ToList();
        return EvaluateAsync(source, accounts, options, cancellationToken, history);
    }

    /// <summary>
    /// Evaluates every account of the scan, one at a time: an account's resources are what its rules may
    /// look up (as in a part on a worker), and only one account is held in memory at a time. With
    /// <paramref name="history"/>, each account's quotas carry their usage series from the store.
    /// </summary>
    public async Task<EvaluatedScan> EvaluateAsync(
        IAccountSource source, IReadOnlyList<string> accounts, ScanOptions options, CancellationToken cancellationToken, IFindingsStore? history = null)
    {
        // Without the fresh stack, the principal graph and the IAM views (hundreds of MB at a million resources) stayed
        // reachable until the scan's last report was written.
        var scan = await FreshStack.After(EvaluateAccountsAsync(source, accounts, options, history, cancellationToken));
        // They are garbage now, with what judging promoted: the history and the reports start from what is live.
        AccountMemory.ReturnToSystem();
        return scan;
    }

    private async Task<EvaluatedScan> EvaluateAccountsAsync(
        IAccountSource source, IReadOnlyList<string> accounts, ScanOptions options, IFindingsStore? history, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var scanId = $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{catalog.Hash[..8]}";
        var watch = Stopwatch.StartNew();
        progress.Stage($"scanning {accounts.Count} accounts of {options.SnapshotDirectory} with {catalog.Rules.Count} rules");

        // Chains run across accounts and customers: the graph spans the estate even when one customer is scanned.
        var garbage = new GarbageBound(GarbageBound.DefaultHeadroom);
        var graph = await PrincipalGraphStage.BuildAsync(source, scanId, config.Estate.Accounts.Concat(accounts), config.Estate, startedAt, progress, garbage, cancellationToken);
        var shared = new SharedFindingText();
        var findings = new List<Finding>();
        var gaps = new List<CoverageGap>();
        var summary = RuleHeader.Families.ToDictionary(f => f, _ => new FamilySummary(), StringComparer.Ordinal);
        var matchedWaivers = new SortedSet<int>();
        var scanCounts = new ScanCounts();
        var warned = new HashSet<string>(StringComparer.Ordinal);
        var quotaUsage = new List<Rules.Quotas.QuotaUsageSample>();
        var resources = 0L;
        // A snapshot's accounts are streamed; live accounts (and every account, unless StreamsAccounts) are held whole.
        var streamable = StreamsAccounts ? source as SnapshotSource : null;
        Task<Snapshots.Snapshot>? Read(int index) => streamable is null && index < accounts.Count ? source.ReadAsync(scanId, accounts[index], cancellationToken) : null;
        var next = Read(0);
        for (var i = 0; i < accounts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            async Task<AccountEvaluation> SettingsAsync(DateTimeOffset? collectedAt)
            {
                var asOf = collectedAt ?? startedAt;
                return new AccountEvaluation
                {
                    QuotaHistory = history is null ? null : await QuotaHistory.ReadAsync(history, accounts[i], asOf, cancellationToken),
                    Resources = [],
                    Inventory = Inventory.Empty,
                    Graph = graph,
                    Gaps = [],
                    // A snapshot is a point in time: key ages and expiry dates are judged as of its collection, so
                    // scanning the same snapshot again gives the same findings.
                    Now = asOf,
                    // Waivers are reviewed promises about the present: they expire by the wall clock.
                    WaiversAsOf = startedAt,
                    IncludePasses = options.IncludePasses || options.Status.KeepsPasses,
                };
            }
            // The next account's index is read while this one is judged (SnapshotReader.StreamAccount(string, string?)).
            var judged = streamable?.Stream(scanId, accounts[i], i + 1 < accounts.Count ? accounts[i + 1] : null) is { } streamed
                ? EvaluateStreamed(accounts[i], streamed, await SettingsAsync(streamed.Stream.CollectedAt), garbage, cancellationToken)
                : null;
            if (judged is null)
            {
                var account = await (next ?? source.ReadAsync(scanId, accounts[i], cancellationToken));
                // The next account is read while this one is evaluated (reading is mostly one thread, evaluating
                // uses all cores); after a large account, one at a time, so that two never meet in memory.
                var large = AccountMemory.IsLarge(account);
                next = large ? null : Read(i + 1);
                var evaluated = EvaluateAccount(await SettingsAsync(account.CollectedAt) with
                {
                    Resources = account.Resources,
                    Inventory = new Inventory(account.Resources.Where(Inventory.Indexes)),
                    Gaps = account.Gaps,
                    Organization = account.Organization,
                    Network = account.Network,
                }, cancellationToken);
                judged = new JudgedAccount(evaluated, account.Gaps, account.Errors, account.JudgedCount);
                if (large)
                {
                    AccountMemory.Release();
                    next = Read(i + 1);
                }
            }
            // A problem of the whole snapshot (collection.json) comes with every account: it is said once.
            foreach (var error in judged.Errors.Where(warned.Add))
            {
                progress.Warning(error);
            }
            foreach (var finding in judged.Findings.Findings)
            {
                findings.Add(shared.Share(finding));
            }
            gaps.AddRange(judged.Gaps);
            matchedWaivers.UnionWith(judged.Findings.MatchedWaivers);
            quotaUsage.AddRange(judged.Findings.QuotaUsage);
            scanCounts.Add(judged.Findings.Counts);
            foreach (var (family, counts) in judged.Findings.Summary)
            {
                summary[family].Add(counts);
            }
            resources += judged.Resources;
            garbage.CollectIfGrown();
            progress.AccountDone(i + 1, accounts.Count, resources);
        }
        findings.Sort(static (a, b) => string.CompareOrdinal(a.RuleId, b.RuleId) is var c and not 0 ? c : string.CompareOrdinal(a.ResourceArn, b.ResourceArn));
        progress.Stage($"scanned {resources:N0} resources in {watch.Elapsed.TotalSeconds:F1} s");

        var result = new ScanResult
        {
            ScanId = scanId,
            StartedAt = startedAt,
            FinishedAt = time.GetUtcNow(),
            Resources = checked((int)resources),
            Evaluations = summary,
            Counts = scanCounts,
            Gaps = gaps,
            Findings = findings,
            Rules = catalog.Rules.Select(r => r.Header).ToList(),
            RulesOff = catalog.Off,
            Estate = config.Estate,
            Waivers = new WaiverBook(config.Waivers, startedAt).Report(matchedWaivers, config.ScannedAccounts(options.Customer)),
        };
        return new EvaluatedScan(result, matchedWaivers) { QuotaUsage = quotaUsage };
    }

    /// <summary>Records a scan evaluated in one process in the findings store, and returns it as the store tells it (status, first seen, trend).</summary>
    /// <param name="stage">Told as the history's steps end (the benchmark's stage lines); null: nothing is told.</param>
    public async Task<ScanResult> RecordAsync(IFindingsStore store, EvaluatedScan scan, string? customer, CancellationToken cancellationToken, Action<string>? stage = null)
    {
        // Without the fresh stack, the findings as evaluated stayed reachable beside the ones read back, under the reports.
        var recorded = await FreshStack.After(new ScanHistory(store, time).RecordAsync(scan.Result, scan.MatchedWaivers, config, customer, catalog.Hash, cancellationToken,
            scan.QuotaUsage, stage));
        AccountMemory.ReturnToSystem();
        return recorded;
    }

    /// <summary>
    /// The whole pipeline in one process, as <c>scan</c> runs it: evaluate the snapshot, record the history
    /// (when a store is given), write findings and reports, print the summary, and return the exit code.
    /// </summary>
    public async Task<int> RunAsync(ScanOptions options, IFindingsStore? store, CancellationToken cancellationToken)
    {
        if (store is not null)
        {
            // The quota forecasts read the history before the first account is evaluated.
            await store.EnsureSchemaAsync(cancellationToken);
        }
        var evaluated = await EvaluateAsync(options, cancellationToken, store);
        var result = evaluated.Result;
        string? history = null;
        if (store is not null)
        {
            history = FindingsStores.Describe(store);
            progress.Stage($"recording the scan in {history}");
            // The history is one thread: the writers are made ready on the other core meanwhile.
            var warming = ScanOutputs.WarmUpAsync(result, options.Formats, options.HomeRegion, cancellationToken);
            result = await RecordAsync(store, evaluated, options.Customer, cancellationToken);
            await warming;
        }
        progress.Stage($"writing findings and reports to {options.OutputDirectory}");
        // --status cuts what is written; the summary, the baseline and the exit code below see every finding.
        var written = await ScanOutputs.WriteAsync(options.Status.Apply(result), options.OutputDirectory, options.Customer, options.Formats, options.HomeRegion, cancellationToken);
        progress.Stage($"wrote {written.Count} files");
        ConsoleSummary.Write(Console.Out, result, written, history);
        if (options.CreateBaseline is { } baselinePath)
        {
            Baseline.Write(baselinePath, result.Findings);
            progress.Stage($"wrote the baseline {baselinePath}: --baseline {baselinePath} fails only on findings not in it");
        }
        if (store is not null)
        {
            await new Notifications.Notifier(store, config, Notifications.NotifierHttp.Shared, time, Environment.GetEnvironmentVariable, progress.Warning)
                .NotifyAsync(result, options.Customer ?? ScanRecord.WholeEstate,
                    Notifications.Notifier.ReportLink(config, result.ScanId, Path.Combine(options.OutputDirectory, "report.html")), cancellationToken);
        }
        return FailOn.ExitCode(result.Findings, options.FailOn, options.Baseline);
    }
}
