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
        Console.WriteLine($"{"resources",10} {"accounts",8} {"floor s",8} {"cpu s",6} {"floor res/s",12} {"peak MB",8} {"alloc MB",9} {"full s",7} {"cpu s",6} {"full res/s",11} {"peak MB",8} {"alloc MB",9} {"full/floor",10}");
        var graphs = new List<(int Size, GraphResult Graph)>();
        var parses = new List<(int Size, ChildResult Parse, ChildResult Floor, ChildResult Full)>();
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
            var parse = await ChildAsync("parse", snapshot);
            var floor = await ChildAsync("floor", snapshot);
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
            parses.Add((size, parse, floor, full));
            graphs.Add((size, JsonSerializer.Deserialize<GraphResult>(await ChildOutputAsync("graph", snapshot))!));
        }
        // The yardstick (issue 19): JsonDocument.Parse of every JSON file, in its own process; the floor within 2x of it, the full scan within 5x.
        foreach (var (size, parse, floor, full) in parses)
        {
            Console.WriteLine($"JsonDocument.Parse of every file at {size:N0}: {parse.Resources:N0} files in {parse.Seconds:F1} s ({parse.CpuSeconds:F1} s CPU, {parse.PeakMegabytes:N0} MB peak); "
                              + $"floor / parse {floor.Seconds / parse.Seconds:F2} (CPU {floor.CpuSeconds / parse.CpuSeconds:F2}), full / parse {full.Seconds / parse.Seconds:F2} (CPU {full.CpuSeconds / parse.CpuSeconds:F2})");
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
