using System.Diagnostics;
using System.Text.Json;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>One measured run in a process of its own; prints one JSON line for the parent.</summary>
internal static class ChildRun
{
    /// <summary>Loads the whole catalog with the given compiled-catalog cache folder (the scan's own when null): cold when empty, warm after.</summary>
    public static int Catalog(string? cacheDirectory)
    {
        var watch = Stopwatch.StartNew();
        var catalog = RuleCatalogFiles.Load([RuleCatalogFiles.DefaultCatalog()], cacheDirectory);
        Report("catalog", catalog.Rules.Count, watch.Elapsed);
        return 0;
    }

    /// <summary>
    /// The floor: read and parse the whole snapshot into resources, with no rule — account by account, each
    /// streamed (its index, then its resources in batches) as the scan reads it, so that the two differ only by
    /// what the scan does with the resources.
    /// </summary>
    public static int Floor(string snapshot)
    {
        var config = GuardrailsConfig.Load(Path.Combine(snapshot, "guardrails.yaml"));
        // The configurations parsed as the full scan's are (those of the types the catalog's rules judge, from the rules'
        // headers; the others kept as text): the floor must not read less than the scan it bounds.
        var reads = ConfigurationReads.Judged(RuleCatalogFiles.Sources([RuleCatalogFiles.DefaultCatalog()])
            .Select(source => RuleHeaderParser.Parse(source).Header?.ResourceTypes ?? ["*"]));
        var watch = Stopwatch.StartNew();
        var reader = SnapshotReader.Open(snapshot, config.Estate, InputLimits.Default with { ReadConfigurations = reads });
        var resources = 0;
        for (var i = 0; i < reader.Accounts.Count; i++)
        {
            var account = reader.Accounts[i];
            var next = i + 1 < reader.Accounts.Count ? reader.Accounts[i + 1] : null;
            if (reader.StreamAccount(account, next) is { } stream)
            {
                var streamed = 0;
                // As the scan does (ScanPipeline.Streaming.cs): a large account's index phase is freed before its stream, and the account after it.
                if (stream.Held >= AccountMemory.LargeAccount)
                {
                    AccountMemory.Release();
                }
                stream.ReadConfig(2048, batch => streamed += batch.Count);
                if (stream.NotStreamable is null)
                {
                    resources += streamed + stream.Rest().Resources.Count(r => r.AccountId != Ocado.Guardrails.Rules.Resources.AuthorizationDetails.AwsAccount);
                    if (streamed >= AccountMemory.LargeAccount)
                    {
                        AccountMemory.Release();
                    }
                    continue;
                }
            }
            var part = reader.ReadAccount(account);
            resources += part.JudgedCount;
            if (AccountMemory.IsLarge(part))
            {
                AccountMemory.Release();
            }
        }
        Report("floor", resources, watch.Elapsed);
        // What the collector did meanwhile (issue 19: its pauses bound the floor), on standard error beside the JSON line.
        Console.Error.WriteLine($"floor: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)} collections, paused {GC.GetTotalPauseDuration().TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>The full scan: read, evaluate the catalog, record the history, write findings.json and every report.</summary>
    public static async Task<int> FullAsync(string snapshot, string output)
    {
        var config = GuardrailsConfig.Load(Path.Combine(snapshot, "guardrails.yaml"));
        var catalog = RuleCatalogFiles.Load([RuleCatalogFiles.DefaultCatalog()]);
        var watch = Stopwatch.StartNew();
        using var log = new StageLog();
        var options = new ScanOptions { SnapshotDirectory = snapshot, ConfigPath = config.SourcePath, OutputDirectory = output, RulePaths = [] };
        var pipeline = new ScanPipeline(config, catalog, TimeProvider.System, new ScanProgress(log, interactive: false));
        var evaluated = await pipeline.EvaluateAsync(options, CancellationToken.None);
        // The embedded store, as `guardrails scan` records into it by default.
        var store = FindingsStores.Open(config.Storage, Path.Combine(output, ".guardrails"), null);
        log.Stage("recording the history");
        // As `guardrails scan` does: the writers made ready on the core the history leaves idle.
        var warming = ScanOutputs.WarmUpAsync(evaluated.Result, ScanOutputs.DefaultFormats, homeRegion: null, CancellationToken.None);
        var result = await pipeline.RecordAsync(store, evaluated, null, CancellationToken.None, log.Stage);
        await warming;
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        log.Stage("writing findings.json and the reports");
        await ScanOutputs.WriteAsync(result, output, customer: null, ScanOutputs.DefaultFormats, homeRegion: null, CancellationToken.None);
        log.Stage("done");
        Console.Error.WriteLine(log.Peaks.Describe());
        Report("full", result.Resources, watch.Elapsed);
        return 0;
    }

    /// <summary>Prints the run's one JSON line: <paramref name="count"/> is resources (or files, for the parse).</summary>
    public static void Report(string kind, int count, TimeSpan elapsed) =>
        Console.WriteLine(JsonSerializer.Serialize(new ChildResult(
            kind, count, elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            PeakMemoryMegabytes(), GC.GetTotalAllocatedBytes() / 1048576.0)));

    /// <summary>The process's peak resident set (VmHWM), the figure that decides whether a machine can run the scan.</summary>
    private static double PeakMemoryMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}

/// <param name="CpuSeconds">The process's processor time, start-up included: steadier than the wall clock on a busy machine.</param>
/// <param name="AllocatedMegabytes">Everything the process allocated: what keeps the garbage collector busy.</param>
internal sealed record ChildResult(string Kind, int Resources, double Seconds, double CpuSeconds, double PeakMegabytes, double AllocatedMegabytes);
