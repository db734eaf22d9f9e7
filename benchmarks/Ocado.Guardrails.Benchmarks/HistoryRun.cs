using System.Diagnostics;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// The history alone: a findings.json's findings (statuses cleared, as judging gives them) recorded into a fresh SQLite
/// store three nights running (the third with 1,000 of them gone, so resolved), each night's saving and completing timed.
/// The findings share their equal evidence texts and tag sets, as a scan's do when they reach the store (SharedFindingText).
/// </summary>
internal static class HistoryRun
{
    public static async Task<int> RunAsync(string findingsJson, string storePath)
    {
        FindingsFile file;
        using (var stream = File.OpenRead(findingsJson))
        {
            file = FindingsJson.Read(stream);
        }
        var shared = new Scanner.Pipeline.SharedFindingText();
        var findings = file.Findings.Where(f => f.Status != FindingStatus.Resolved).Select(f => shared.Share(f with { Status = null, FirstSeen = null })).ToList();
        var store = new SqliteFindingsStore(storePath);
        await store.EnsureSchemaAsync(CancellationToken.None);
        var start = DateTimeOffset.UtcNow;
        for (var night = 1; night <= 3; night++)
        {
            var scan = await store.BeginScanAsync(new NewScan
            {
                PreferredId = $"night-{night}", Scope = ScanRecord.WholeEstate, CatalogHash = "catalog", ConfigHash = "config",
                StartedAt = start.AddDays(night), Parts = [PartKey.Whole], Accounts = [.. findings.Select(f => f.AccountId).Distinct()],
            }, CancellationToken.None);
            var part = new PartResult
            {
                ScanId = scan.ScanId, Part = PartKey.Whole, Resources = file.Resources, Evaluations = file.Evaluations, Counts = file.Counts,
                Gaps = file.Gaps, MatchedWaivers = [], Findings = night == 3 ? findings.Skip(1000).ToList() : findings,
            };
            var save = await TimedAsync(() => store.SavePartAsync(part, CancellationToken.None));
            var complete = await TimedAsync(() => store.CompleteScanAsync(scan.ScanId, start.AddDays(night).AddMinutes(5), CancellationToken.None));
            var read = await store.ReadScanAsync(scan.ScanId, CancellationToken.None);
            var statuses = string.Join(", ", read.Findings.GroupBy(f => f.Status).OrderBy(g => g.Key).Select(g => $"{g.Key?.ToString() ?? "none"} {g.Count()}"));
            Console.WriteLine($"night {night}: {part.Findings.Count:N0} findings; saving {save.Seconds:F2} s ({save.Cpu:F2} s CPU), completing {complete.Seconds:F2} s "
                              + $"({complete.Cpu:F2} s CPU); {statuses}; load average {File.ReadAllText("/proc/loadavg")[..14]}");
        }
        return 0;
    }

    private static async Task<(double Seconds, double Cpu)> TimedAsync(Func<Task> step)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await step();
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
