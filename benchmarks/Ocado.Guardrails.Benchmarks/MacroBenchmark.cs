using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Scanner.Demo;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// Generates demo estates (cached under benchmarks/.work), then measures the floor — reading and parsing
/// the snapshot with no rule — and the full scan, side by side, each in a fresh process, with JsonDocument.Parse of
/// every file as the yardstick.
/// </summary>
internal static class MacroBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = args.Length > 0 ? args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [100_000, 1_000_000];
        // --accounts N: the resources in N large accounts (of the demo's twelve), to measure memory against account size.
        int? large = args.Length > 2 && args[1] == "--accounts" ? int.Parse(args[2], CultureInfo.InvariantCulture) : null;
        var work = Path.GetFullPath(Environment.GetEnvironmentVariable("GUARDRAILS_BENCH_WORK") ?? Path.Combine("benchmarks", ".work"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; work folder {work}");
        var cold = await ChildAsync("catalog", Path.Combine(work, "catalog-cache-" + Environment.ProcessId));
        var warm = await ChildAsync("catalog", Path.Combine(work, "catalog-cache-" + Environment.ProcessId));
        Console.WriteLine($"catalog load ({cold.Resources} rules): cold {cold.Seconds:F2} s (compile, first Roslyn use in the process), warm {warm.Seconds:F3} s (from the content-hash cache)");
        // The full scan's own cache made warm first: after a build its key changes, and the full child's CPU (start-up
        // included) would otherwise carry the catalog's compile, about 10 s of CPU with the compiler's own first compile.
        await ChildAsync("catalog");
        Console.WriteLine($"{"resources",10} {"accounts",8} {"floor s",8} {"cpu s",6} {"floor res/s",12} {"peak MB",8} {"alloc MB",9} {"full s",7} {"cpu s",6} {"full res/s",11} {"peak MB",8} {"alloc MB",9} {"full/floor",10}");
        var graphs = new List<(int Size, GraphResult Graph)>();
        var parses = new List<(int Size, ChildResult[] Parses, ChildResult Floor, ChildResult Full)>();
        foreach (var size in sizes)
        {
            var accounts = large is null ? AccountsFor(size) : DemoOptions.DefaultAccounts;
            var snapshot = Path.Combine(work, large is null ? $"demo-{size}-{accounts}-accounts" : $"demo-{size}-{large}-large-accounts");
            if (!File.Exists(Path.Combine(snapshot, "demo-manifest.json")))
            {
                var watch = Stopwatch.StartNew();
                DemoEstate.Write(snapshot, new DemoOptions { Size = size, Accounts = accounts, LargeAccounts = large });
                Console.WriteLine($"(generated the {size:N0}-resource demo estate of {accounts} accounts, {large?.ToString(CultureInfo.InvariantCulture) ?? "all"} of them large, in {watch.Elapsed.TotalSeconds:F1} s)");
            }
            // The yardstick before, between and after the two: this machine's speed moves by half within minutes, so each
            // is set against the parses either side of it, not one parse minutes away.
            var parseBefore = await ChildAsync("parse", snapshot);
            var floor = await ChildAsync("floor", snapshot);
            var parseBetween = await ChildAsync("parse", snapshot);
            // A fresh output directory, its history store included: every run measures the same first scan, whatever ran
            // before (the store kept every earlier run's scan, of either estate, and grew past 1.7 GB).
            var output = Path.Combine(work, $"out-{size}");
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
            var full = await ChildAsync("full", snapshot, output);
            Console.WriteLine($"{floor.Resources,10:N0} {accounts,8} {floor.Seconds,8:F1} {floor.CpuSeconds,6:F1} {floor.Resources / floor.Seconds,12:N0} {floor.PeakMegabytes,8:N0} {floor.AllocatedMegabytes,9:N0} "
                              + $"{full.Seconds,7:F1} {full.CpuSeconds,6:F1} {full.Resources / full.Seconds,11:N0} {full.PeakMegabytes,8:N0} {full.AllocatedMegabytes,9:N0} {full.Seconds / floor.Seconds,10:F2}");
            var parseAfter = await ChildAsync("parse", snapshot);
            parses.Add((size, [parseBefore, parseBetween, parseAfter], floor, full));
            graphs.Add((size, JsonSerializer.Deserialize<GraphResult>(await ChildOutputAsync("graph", snapshot))!));
        }
        // The yardstick (issue 19): JsonDocument.Parse of every JSON file, in its own process; the floor within 2x of it, the full scan within 5x.
        foreach (var (size, runs, floor, full) in parses)
        {
            var (floorParse, floorParseCpu) = ((runs[0].Seconds + runs[1].Seconds) / 2, (runs[0].CpuSeconds + runs[1].CpuSeconds) / 2);
            var (fullParse, fullParseCpu) = ((runs[1].Seconds + runs[2].Seconds) / 2, (runs[1].CpuSeconds + runs[2].CpuSeconds) / 2);
            Console.WriteLine($"JsonDocument.Parse of every file at {size:N0}: {runs[0].Resources:N0} files in {string.Join(" / ", runs.Select(r => $"{r.Seconds:F1} s ({r.CpuSeconds:F1} s CPU)"))} "
                              + $"before, between and after the floor and the full scan, {runs.Max(r => r.PeakMegabytes):N0} MB peak; "
                              + $"floor / the parses either side {floor.Seconds / floorParse:F2} (CPU {floor.CpuSeconds / floorParseCpu:F2}), "
                              + $"full / the parses either side {full.Seconds / fullParse:F2} (CPU {full.CpuSeconds / fullParseCpu:F2})");
        }
        // The full scan's pre-pass builds the principal graph; measured alone here, in its own process.
        foreach (var (size, graph) in graphs)
        {
            Console.WriteLine($"principal graph at {size:N0}: {graph.Principals:N0} principals, {graph.PermissionSets:N0} permission sets, {graph.Groups:N0} groups, {graph.Edges:N0} edges; "
                              + $"IAM read {graph.ReadSeconds:F1} s ({graph.ReadCpuSeconds:F1} s CPU, {graph.ReadAllocatedMegabytes:N0} MB allocated), edges and searches {graph.EdgeSeconds:F1} s ({graph.EdgeCpuSeconds:F1} s CPU, {graph.EdgeAllocatedMegabytes:N0} MB allocated), {graph.HeldMegabytes:F0} MB held; "
                              + $"role chains beyond depth 3 {graph.RoleChainSeconds:F1} s ({graph.RoleChainCpuSeconds:F1} s CPU, {graph.RoleChainSearches:N0} searches, {graph.RoleChainsBeyond:N0} principals)");
        }
        return 0;
    }

    /// <summary>
    /// About 10,000 resources per account, as estates grow (more accounts, not bigger ones): a scan
    /// holds one account at a time, so its memory follows the largest account, not the estate.
    /// GUARDRAILS_BENCH_ACCOUNTS fixes the number instead, to measure bigger accounts.
    /// </summary>
    private static int AccountsFor(int size) =>
        Environment.GetEnvironmentVariable("GUARDRAILS_BENCH_ACCOUNTS") is { Length: > 0 } fixedCount
            ? int.Parse(fixedCount, CultureInfo.InvariantCulture)
            : Math.Clamp(size / 10_000, DemoOptions.DefaultAccounts, DemoOptions.MaximumAccounts);

    private static async Task<ChildResult> ChildAsync(params string[] args) =>
        JsonSerializer.Deserialize<ChildResult>(await ChildOutputAsync(args))!;

    /// <summary>The last line a child process printed.</summary>
    private static async Task<string> ChildOutputAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(MacroBenchmark).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the {args[0]} run failed with exit code {process.ExitCode}");
        }
        return output.Trim().Split('\n')[^1];
    }
}
