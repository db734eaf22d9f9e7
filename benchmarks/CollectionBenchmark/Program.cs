using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Ocado.Guardrails.Benchmarks;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.AwsServer;

// Live collection of a large estate (docs/collect.md, "Benchmark"): the local AWS test server runs as its own process
// with a latency on every request and AWS's default limits per (account, region, service), and counts the requests
// over a limit. Night 1 collects everything; the server then changes, adds and deletes --churn of each region's
// resources; night 2 collects with --since night 1. Printed: night 1's wall time against the minimum the limits and
// the latency allow (MinimumTime), requests over a limit, night 2's calls against night 1's.
if (args.FirstOrDefault() == "serve")
{
    await BenchmarkServer.RunAsync(BenchmarkOptions.Parse(args[1..]));
    return 0;
}
var options = BenchmarkOptions.Parse(args);
using var server = StartServer(options);
var endpoint = (await server.StandardOutput.ReadLineAsync())?.Split(' ')[1] ?? throw new InvalidOperationException("the server process did not start");

var estate = EstateBuilder.Build(options.Accounts, options.Regions, resourcesPerRegion: 0);
var customers = estate.Accounts.Keys.Order(StringComparer.Ordinal).Chunk(2).Select((ids, i) => new Customer($"customer-{i}", $"Customer {i}", ids)).ToList();
var settings = new AwsSettings
{
    // AWS's default limits, and every account at once: the limits, not our concurrency, should bound the night.
    RequestsPerSecond = options.Rate, Burst = options.Burst, StsRequestsPerSecond = options.StsRate, AccountConcurrency = options.Accounts,
};
using var http = AwsHttp.Create(new SentAtStamp());
var collector = new Collector(new CollectorOptions
{
    Credentials = new BasicAWSCredentials(ServerKeys.RootAccessKey, ServerKeys.RootSecretKey),
    Http = http,
    Endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? endpoint : null),
    Log = TextWriter.Null,
    CredentialReportPollInterval = options.Poll,
});
var root = Directory.CreateTempSubdirectory("guardrails-collection-benchmark-").FullName;
try
{
    Console.WriteLine($"collecting {options.Accounts} accounts x {options.Regions.Length} regions, {options.Resources} resources a region, " +
                      $"{options.Latency.TotalMilliseconds:0} ms a request, {options.Rate}/s (burst {options.Burst}) per (account, region, service), STS {options.StsRate}/s; " +
                      $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
    var night1 = Path.Combine(root, "night-1");
    var serverCpu = await ServerCpuAsync(server);
    var ownCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var ownGc = GcCounts.Now();
    var watch = Stopwatch.StartNew();
    var first = await collector.RunAsync(new Estate(customers, [], options.Regions), settings, night1, CancellationToken.None);
    watch.Stop();
    var ownCpu1 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - ownCpu;
    var ownGc1 = GcCounts.Now() - ownGc;
    using var stats1 = JsonDocument.Parse(await AskAsync(server, "stats"));
    var serverCpu1 = stats1.RootElement.GetProperty("cpuSeconds").GetDouble() - serverCpu;
    var minimum = MinimumTime.Of(stats1.RootElement.GetProperty("buckets"), options);
    var over1 = stats1.RootElement.GetProperty("overLimit").GetInt64();
    var calls1 = stats1.RootElement.GetProperty("requests").GetInt32();
    Console.WriteLine($"night 1: {calls1} requests, {first.Gaps.Count} gaps, {over1} over a limit {stats1.RootElement.GetProperty("overLimitByService").GetRawText()}; " +
                      $"the server began handling a request {stats1.RootElement.GetProperty("handledAfter").GetRawText()} after it was sent");
    Console.WriteLine($"night 1: {watch.Elapsed.TotalSeconds:F2} s against a minimum of {minimum.Seconds:F2} s ({minimum.Why}) = {watch.Elapsed.TotalSeconds / minimum.Seconds:F2} x");
    foreach (var line in Timeline.Of(stats1.RootElement.GetProperty("buckets"), options))
    {
        Console.WriteLine(line);
    }
    Console.WriteLine($"night 1 CPU: collector {ownCpu1:F2} s ({1000 * ownCpu1 / calls1:F3} ms a request), server {serverCpu1:F2} s ({1000 * serverCpu1 / calls1:F3} ms a request); " +
                      $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    Console.WriteLine($"night 1 collector memory: {ownGc1}");
    Console.WriteLine("night 1 by operation: " + string.Join(", ", stats1.RootElement.GetProperty("operations").EnumerateObject().Select(o => $"{o.Name} {o.Value}")));

    Console.WriteLine($"between the nights: {await AskAsync(server, $"churn {options.Churn}")} (changed, added, deleted) of {options.Accounts * options.Regions.Length * options.Resources}");
    await AskAsync(server, "clear");
    serverCpu = await ServerCpuAsync(server);
    ownCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    ownGc = GcCounts.Now();
    watch.Restart();
    var second = await collector.RunAsync(new Estate(customers, [], options.Regions), settings, Path.Combine(root, "night-2"), CancellationToken.None, since: night1);
    watch.Stop();
    using var stats2 = JsonDocument.Parse(await AskAsync(server, "stats"));
    var calls2 = stats2.RootElement.GetProperty("requests").GetInt32();
    // The server's over-limit counts run across both nights: night 2's are what they grew by.
    var over2 = stats2.RootElement.GetProperty("overLimit").GetInt64() - over1;
    var overBefore = stats1.RootElement.GetProperty("overLimitByService").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetInt64());
    var over2ByService = stats2.RootElement.GetProperty("overLimitByService").EnumerateObject()
        .Select(o => (o.Name, Count: o.Value.GetInt64() - overBefore.GetValueOrDefault(o.Name)))
        .Where(o => o.Count > 0).Select(o => $"{o.Name} {o.Count}");
    Console.WriteLine($"night 2 (--since night 1): {calls2} requests = {100.0 * calls2 / calls1:F1} % of night 1's, {second.Gaps.Count} gaps, " +
                      $"{second.Incremental!.Full.Count} parts in full, {over2} over a limit {{{string.Join(", ", over2ByService)}}}, {watch.Elapsed.TotalSeconds:F2} s");
    var (ownCpu2, serverCpu2) = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - ownCpu, stats2.RootElement.GetProperty("cpuSeconds").GetDouble() - serverCpu);
    Console.WriteLine($"night 2 CPU: collector {ownCpu2:F2} s ({1000 * ownCpu2 / calls2:F3} ms a request), server {serverCpu2:F2} s ({1000 * serverCpu2 / calls2:F3} ms a request)");
    Console.WriteLine($"night 2 collector memory: {GcCounts.Now() - ownGc}");
    Console.WriteLine("night 2 by operation: " + string.Join(", ", stats2.RootElement.GetProperty("operations").EnumerateObject().Select(o => $"{o.Name} {o.Value}")));
    await server.StandardInput.WriteLineAsync("quit");
    await server.WaitForExitAsync();
    return first.Gaps.Count == 0 && second.Gaps.Count == 0 && over1 + over2 == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(root, recursive: true);
    if (!server.HasExited)
    {
        server.Kill();
    }
}

static Process StartServer(BenchmarkOptions options)
{
    // This very program, in serve mode, as a second process: `dotnet CollectionBenchmark.dll serve ...` or the apphost.
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(BenchmarkServer).Assembly.Location);
    }
    start.ArgumentList.Add("serve");
    // The server's code compiled optimised once, as it starts (its start is not timed): with tiered compilation its
    // handlers were compiled again and again through night 1, a fifth of its CPU there (perf). The collector runs with
    // guardrails' JIT setting (CollectionBenchmark.csproj).
    start.Environment["DOTNET_TieredCompilation"] = "0";
    foreach (var argument in options.ToArguments())
    {
        start.ArgumentList.Add(argument);
    }
    return Process.Start(start)!;
}

static async Task<string> AskAsync(Process server, string command)
{
    await server.StandardInput.WriteLineAsync(command);
    await server.StandardInput.FlushAsync();
    return await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the server process ended");
}

// The server process's CPU time so far, as it measures itself.
static async Task<double> ServerCpuAsync(Process server)
{
    using var stats = JsonDocument.Parse(await AskAsync(server, "stats"));
    return stats.RootElement.GetProperty("cpuSeconds").GetDouble();
}
