using System.Diagnostics;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Scanning;

/// <summary>One scan in one process: read the snapshot, evaluate the catalog, apply waivers, return what was found.</summary>
internal sealed class ScanRunner(TimeProvider time, ScanProgress progress)
{
    /// <summary>The scan, and the indexes of the waivers that matched, which the findings store records.</summary>
    public (ScanResult Result, SortedSet<int> MatchedWaivers) Run(ScanOptions options, GuardrailsConfig config, RuleCatalog catalog, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        progress.Stage($"reading snapshot {options.SnapshotDirectory}");
        var snapshot = SnapshotReader.Read(options.SnapshotDirectory, config.Estate);
        foreach (var error in snapshot.Errors)
        {
            progress.Warning(error);
        }
        var resources = snapshot.Resources;
        var gaps = snapshot.Gaps;
        var accounts = ScannedAccounts(config, options.Customer);
        if (options.Customer is not null)
        {
            resources = resources.Where(r => accounts.Contains(r.AccountId)).ToList();
            gaps = gaps.Where(g => accounts.Contains(g.AccountId)).ToList();
        }
        progress.Stage($"read {resources.Count:N0} resources in {watch.Elapsed.TotalSeconds:F1} s; evaluating {catalog.Rules.Count} rules");

        var judgement = new FindingsJudge(catalog, config).Judge(new FindingsJudge.Input
        {
            Resources = resources,
            Inventory = resources,
            Gaps = gaps,
            // A snapshot is a point in time: key ages and expiry dates are judged as of its collection, so
            // scanning the same snapshot again gives the same findings.
            Now = snapshot.CollectedAt ?? startedAt,
            // Waivers are reviewed promises about the present: they expire by the wall clock.
            WaiversAsOf = startedAt,
            IncludePasses = options.IncludePasses,
            Progress = done => progress.Evaluated(done, resources.Count),
        }, cancellationToken);
        var finishedAt = time.GetUtcNow();
        var result = new ScanResult
        {
            ScanId = $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{catalog.Hash[..8]}",
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Resources = resources.Count,
            Evaluations = judgement.Summary,
            Gaps = gaps,
            Findings = judgement.Findings,
            Rules = catalog.Rules.Select(r => r.Header).ToList(),
            Estate = config.Estate,
            Waivers = new WaiverBook(config.Waivers, startedAt).Report(judgement.MatchedWaivers, accounts),
        };
        return (result, judgement.MatchedWaivers);
    }

    /// <summary>The customer's accounts, or every account of the estate.</summary>
    public static HashSet<string> ScannedAccounts(GuardrailsConfig config, string? customer) =>
        (customer is null ? config.Estate.Accounts : config.Estate.Customers.First(c => c.Id == customer).Accounts)
        .ToHashSet(StringComparer.Ordinal);
}
