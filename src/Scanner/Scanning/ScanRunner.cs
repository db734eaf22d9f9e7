using System.Diagnostics;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Scanning;

/// <summary>One scan in one process: read the snapshot, evaluate the catalog, return what was found.</summary>
internal sealed class ScanRunner(TimeProvider time, ScanProgress progress)
{
    public ScanResult Run(ScanOptions options, GuardrailsConfig config, RuleCatalog catalog, CancellationToken cancellationToken)
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
        if (options.Customer is { } customerId)
        {
            var accounts = config.Estate.Customers.First(c => c.Id == customerId).Accounts.ToHashSet(StringComparer.Ordinal);
            resources = resources.Where(r => accounts.Contains(r.AccountId)).ToList();
            gaps = gaps.Where(g => accounts.Contains(g.AccountId)).ToList();
        }
        progress.Stage($"read {resources.Count:N0} resources in {watch.Elapsed.TotalSeconds:F1} s; evaluating {catalog.Rules.Count} rules");

        // A snapshot is a point in time: key ages and expiry dates are judged as of its collection, so
        // scanning the same snapshot again gives the same findings.
        var now = snapshot.CollectedAt ?? startedAt;
        var inventory = new Inventory(resources);
        var evaluator = new Evaluator(catalog, config.Estate, inventory, config.ParamsFor, now);
        var scan = new ScanEvaluator(evaluator, config.Estate, gaps)
        {
            IncludePasses = options.IncludePasses,
            Progress = done => progress.Evaluated(done, resources.Count),
        };
        var (findings, summary) = scan.Run(resources, cancellationToken);
        var finishedAt = time.GetUtcNow();
        return new ScanResult
        {
            ScanId = $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-{catalog.Hash[..8]}",
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Resources = resources.Count,
            Evaluations = summary,
            Gaps = gaps,
            Findings = findings,
            Rules = catalog.Rules.Select(r => r.Header).ToList(),
            Estate = config.Estate,
        };
    }
}
