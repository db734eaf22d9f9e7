using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>
/// The benchmark's AWS: the local test server in a process of its own (so that serving costs the collector no CPU of
/// its process), with a latency on every request and AWS's rate limits, counting requests over a limit. Driven over
/// standard input, one command a line: <c>stats</c> (one JSON line back), <c>churn FRACTION</c>, <c>clear</c>, <c>quit</c>.
/// </summary>
internal static class BenchmarkServer
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        var estate = EstateBuilder.Build(options.Accounts, options.Regions, options.Resources);
        await using var server = await AwsTestServer.StartAsync(estate, maxPage: 100);
        server.Latency = options.Latency;
        var limits = new ServerLimits(options.Rate, options.Burst, options.StsRate);
        server.Limits = limits;
        Console.WriteLine($"endpoint {server.Endpoint}");
        for (string? line; (line = await Console.In.ReadLineAsync()) is not null;)
        {
            var command = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (command.FirstOrDefault())
            {
                case "stats":
                    var requests = server.Requests;
                    Console.WriteLine(JsonSerializer.Serialize(new
                    {
                        requests = requests.Count,
                        cpuSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
                        overLimit = limits.OverLimit,
                        overLimitByService = limits.OverLimitByService,
                        handledAfter = Percentiles(requests.Select(r => r.HandledAfter)),
                        operations = requests.GroupBy(r => $"{r.Service}:{r.Operation}").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                        buckets = requests.GroupBy(r => (r.Account, r.Region, r.Service)).Select(g => new
                        {
                            account = g.Key.Account, region = g.Key.Region, service = g.Key.Service, count = g.Count(),
                            // The bucket's arrivals in seconds since the server started, in order: the night's timeline (Timeline).
                            at = g.Select(r => Math.Round(r.At.TotalSeconds, 4)).Order().ToArray(),
                        }),
                    }));
                    break;
                case "churn":
                    var (changed, added, deleted) = EstateChurn.Apply(estate, double.Parse(command[1], CultureInfo.InvariantCulture), DateTimeOffset.UtcNow);
                    Console.WriteLine($"churned {changed} {added} {deleted}");
                    break;
                case "clear":
                    server.ClearRequests();
                    Console.WriteLine("cleared");
                    break;
                case "quit":
                    return;
            }
        }
    }

    /// <summary>"p50 X ms, p99 Y ms, max Z ms" of the server's own handling delays: when they are large, the server (sharing the client's cores) is the bottleneck.</summary>
    private static string Percentiles(IEnumerable<TimeSpan> delays)
    {
        var sorted = delays.Select(d => d.TotalMilliseconds).Order().ToArray();
        string At(double q) => sorted.Length == 0 ? "-" : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)].ToString("0", CultureInfo.InvariantCulture);
        return $"p50 {At(0.5)} ms, p99 {At(0.99)} ms, max {At(1)} ms";
    }
}
