using System.Diagnostics;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Scanning;

/// <summary>
/// One scan in one process: read the snapshot account by account, evaluate the catalog on each
/// account (whose resources are what rules may look up, as in a part of the distributed engine),
/// apply waivers, and return what was found. Only one account's resources are held at a time.
/// </summary>
internal sealed class ScanRunner(TimeProvider time, ScanProgress progress)
{
    /// <summary>The scan, and the indexes of the waivers that matched, which the findings store records.</summary>
    public (ScanResult Result, SortedSet<int> MatchedWaivers) Run(ScanOptions options, GuardrailsConfig config, RuleCatalog catalog, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var snapshot = SnapshotReader.Open(options.SnapshotDirectory, config.Estate);
        var scanned = ScannedAccounts(config, options.Customer);
        var accounts = options.Customer is null ? snapshot.Accounts : snapshot.Accounts.Where(scanned.Contains).ToList();
        progress.Stage($"scanning {accounts.Count} accounts of {options.SnapshotDirectory} with {catalog.Rules.Count} rules");

        var judge = new FindingsJudge(catalog, config);
        var findings = new List<Finding>();
        var gaps = new List<CoverageGap>();
        var summary = RuleHeader.Families.ToDictionary(f => f, _ => new FamilySummary(), StringComparer.Ordinal);
        var matchedWaivers = new SortedSet<int>();
        var resources = 0L;
        Task<Snapshot>? Read(int index) => index < accounts.Count ? Task.Run(() => snapshot.ReadAccount(accounts[index]), cancellationToken) : null;
        var next = Read(0);
        for (var i = 0; i < accounts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var part = next!.GetAwaiter().GetResult();
            // The next account is read while this one is judged (reading is mostly one thread, judging
            // uses all cores); after a large account, one at a time, so that two never meet in memory.
            var large = IsLarge(part);
            next = large ? null : Read(i + 1);
            foreach (var error in part.Errors)
            {
                progress.Warning(error);
            }
            var judgement = judge.Judge(new FindingsJudge.Input
            {
                Resources = part.Resources,
                Inventory = part.Resources,
                Gaps = part.Gaps,
                // A snapshot is a point in time: key ages and expiry dates are judged as of its collection, so
                // scanning the same snapshot again gives the same findings.
                Now = snapshot.CollectedAt ?? startedAt,
                // Waivers are reviewed promises about the present: they expire by the wall clock.
                WaiversAsOf = startedAt,
                IncludePasses = options.IncludePasses,
            }, cancellationToken);
            findings.AddRange(judgement.Findings);
            gaps.AddRange(part.Gaps);
            matchedWaivers.UnionWith(judgement.MatchedWaivers);
            foreach (var (family, counts) in judgement.Summary)
            {
                summary[family].Add(counts);
            }
            resources += part.JudgedCount;
            progress.AccountDone(i + 1, accounts.Count, resources);
            if (large)
            {
                ReleaseAccount();
                next = Read(i + 1);
            }
        }
        findings.Sort(static (a, b) => string.CompareOrdinal(a.RuleId, b.RuleId) is var c and not 0 ? c : string.CompareOrdinal(a.ResourceArn, b.ResourceArn));
        progress.Stage($"scanned {resources:N0} resources in {watch.Elapsed.TotalSeconds:F1} s");

        var finishedAt = time.GetUtcNow();
        var result = new ScanResult
        {
            ScanId = $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{catalog.Hash[..8]}",
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Resources = checked((int)resources),
            Evaluations = summary,
            Gaps = gaps,
            Findings = findings,
            Rules = catalog.Rules.Select(r => r.Header).ToList(),
            Estate = config.Estate,
            Waivers = new WaiverBook(config.Waivers, startedAt).Report(matchedWaivers, scanned),
        };
        return (result, matchedWaivers);
    }

    /// <summary>
    /// From this many resources an account's documents are hundreds of megabytes of large objects,
    /// which only a full collection frees; below it the collector's own pace keeps memory low, and a
    /// full collection after each of hundreds of small accounts would cost more than it saves.
    /// </summary>
    private const int LargeAccount = 20_000;

    internal static bool IsLarge(Snapshot account) => account.Resources.Count >= LargeAccount;

    /// <summary>Frees a judged large account's documents now, so that the peak is one account, not two.</summary>
    internal static void ReleaseAccount()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>The customer's accounts, or every account of the estate.</summary>
    public static HashSet<string> ScannedAccounts(GuardrailsConfig config, string? customer) =>
        (customer is null ? config.Estate.Accounts : config.Estate.Customers.First(c => c.Id == customer).Accounts)
        .ToHashSet(StringComparer.Ordinal);
}
