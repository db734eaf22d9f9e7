using System.Diagnostics;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// What each rule of the catalog costs on a demo estate: evaluations, time and bytes allocated per
/// evaluation, on one thread (so that the allocation counts are exact and the times comparable). The principal
/// graph is built first, as the scan's pre-pass does, so the graph rules' cost includes the searches they run
/// lazily (the role chains); the build itself is `graph`'s figure. <c>--accounts N</c> judges only the first N accounts
/// (in the reader's order), for a quicker figure on a large estate. <c>--repeat N</c> runs each rule's evaluations of an
/// account N times (the figures are per evaluation still), so that a profile of the process is mostly the rules' own
/// work, not the reading; <c>--catalog DIR</c> judges with the rules of DIR instead of the catalog's (a rule that does
/// nothing shows what the engine costs an evaluation).
/// </summary>
internal static class RuleCosts
{
    public static int Run(string snapshot, string[] options)
    {
        var accounts = (int)Option(options, "--accounts", int.MaxValue);
        var repeat = (int)Option(options, "--repeat", 1);
        var catalogDirectory = options.SkipWhile(o => o != "--catalog").Skip(1).FirstOrDefault() ?? RuleCatalogFiles.DefaultCatalog();
        var config = GuardrailsConfig.Load(Path.Combine(snapshot, "guardrails.yaml"));
        var catalog = RuleCatalogFiles.Load([catalogDirectory]);
        var reader = SnapshotReader.Open(snapshot, config.Estate);
        var now = reader.CollectedAt ?? TimeProvider.System.GetUtcNow();
        var graph = GraphRun.ReadIam(reader, config.Estate).Build();
        var paused = GC.GetTotalPauseDuration();
        var collections = (Gen0: GC.CollectionCount(0), Gen2: GC.CollectionCount(2));
        var costs = catalog.Rules.Select(r => (Id: r.Id, Count: 0L, Ticks: 0L, Bytes: 0L, Cpu: TimeSpan.Zero)).ToArray();
        // The longest single evaluation of each rule and how many gave Error: a build of shared data (an account's trust
        // policies, a permission set's answers) lands on the evaluation that asks first.
        var longest = new (long Ticks, string Arn)[catalog.Rules.Count];
        var errors = new long[catalog.Rules.Count];
        foreach (var account in reader.Accounts.Take(accounts))
        {
            var resources = reader.ReadAccount(account).Resources.Where(r => r.AccountId != AuthorizationDetails.AwsAccount).ToList();
            // Rules look up the account's index (its IAM), as the scan gives them (ScanPipeline), not the whole account.
            var evaluator = new Evaluator(catalog, config.Estate, new Inventory(resources.Where(Inventory.Indexes)), config.ParamsFor, now, keepsMessages: false, graph: graph);
            for (var i = 0; i < catalog.Rules.Count; i++)
            {
                var applicable = resources.Where(r => catalog.Rules[i].Header.AppliesTo(r.Type)).ToList();
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var cpu = CpuNow();
                var started = Stopwatch.GetTimestamp();
                foreach (var resource in Enumerable.Repeat(applicable, repeat).SelectMany(a => a))
                {
                    var one = Stopwatch.GetTimestamp();
                    if (evaluator.Evaluate(i, resource).Verdict == Verdict.Error)
                    {
                        errors[i]++;
                    }
                    if (Stopwatch.GetTimestamp() - one is var took && took > longest[i].Ticks)
                    {
                        longest[i] = (took, resource.Arn);
                    }
                }
                costs[i].Ticks += Stopwatch.GetTimestamp() - started;
                costs[i].Cpu += CpuNow() - cpu;
                costs[i].Bytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
                costs[i].Count += (long)applicable.Count * repeat;
            }
        }
        // CPU µs/eval is the thread's own processor time (ThreadCpu): what a rule costs however loaded the machine is.
        Console.WriteLine($"{"rule",-52} {"evaluations",11} {"total ms",9} {"µs/eval",8} {"CPU µs/eval",11} {"bytes/eval",10} {"max ms",7} {"errors",6}");
        foreach (var (index, (id, count, ticks, bytes, cpu)) in costs.Index().OrderByDescending(c => c.Item.Ticks))
        {
            var milliseconds = ticks * 1000.0 / Stopwatch.Frequency;
            Console.WriteLine($"{id,-52} {count,11:N0} {milliseconds,9:N0} {(count == 0 ? 0 : milliseconds * 1000 / count),8:N1} {(count == 0 ? 0 : cpu.TotalMicroseconds / count),11:N1} {(count == 0 ? 0 : bytes / count),10:N0} {longest[index].Ticks * 1000.0 / Stopwatch.Frequency,7:N1} {errors[index],6:N0}");
        }
        foreach (var (index, (ticks, arn)) in longest.Index().Where(l => l.Item.Ticks * 1000 / Stopwatch.Frequency >= 10))
        {
            Console.WriteLine($"longest evaluation of {catalog.Rules[index].Id}: {ticks * 1000.0 / Stopwatch.Frequency:N1} ms on {arn}");
        }
        Console.WriteLine($"{"all rules",-52} {costs.Sum(c => c.Count),11:N0} {costs.Sum(c => c.Ticks) * 1000.0 / Stopwatch.Frequency,9:N0} {"",8} {"",11} {costs.Sum(c => c.Bytes) / Math.Max(1, costs.Sum(c => c.Count)),10:N0}");
        // The collector's pauses while the rules ran (reading each account's resources included): what the rules' allocation costs beyond their own CPU.
        Console.WriteLine($"while judging: {GC.CollectionCount(0) - collections.Gen0} gen0 / {GC.CollectionCount(2) - collections.Gen2} gen2 collections, paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s");
        return 0;
    }

    private static long Option(string[] options, string name, long otherwise) =>
        options.SkipWhile(o => o != name).Skip(1).FirstOrDefault() is { } value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : otherwise;

    /// <summary>The thread's CPU time, which unlike a stopwatch does not count what other processes of a busy machine take; zero where unknown.</summary>
    private static TimeSpan CpuNow() => ThreadCpuClock.Now() ?? TimeSpan.Zero;
}
