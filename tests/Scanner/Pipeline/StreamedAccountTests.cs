using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// A scan streams each account (an index of its IAM, then its resources in batches) so that memory does not follow
/// the account's size; it must judge exactly as holding the account in memory does: every finding (rule, resource,
/// verdict, message, evidence, tags), gap, count and summary alike.
/// </summary>
public sealed class StreamedAccountTests : IDisposable
{
    private readonly string _directory;

    public StreamedAccountTests()
    {
        _directory = DemoBuilder.TempDirectory();
        // One large account (about 3,000 resources) among small ones, judged in batches of 64: many batches per file.
        DemoEstate.Write(_directory, new DemoOptions { Size = DemoBuilder.SmallSize, LargeAccounts = 1 });
    }

    public void Dispose() => DemoBuilder.Delete(_directory);

    [Fact]
    public async Task TheDemoEstateIsJudgedAlikeStreamedOrHeldInMemory()
    {
        var (streamed, log) = await ScanAsync(streams: true);
        var (held, _) = await ScanAsync(streams: false);

        Assert.DoesNotContain("whole", log);
        Assert.True(streamed.Findings.Count > 500, $"only {streamed.Findings.Count} findings");
        AssertAlike(held, streamed);
    }

    [Fact]
    public void TheDemoPutsTheEstateInItsLargeAccounts()
    {
        var configBytes = Directory.EnumerateDirectories(_directory)
            .Select(d => new DirectoryInfo(Path.Combine(d, "config")))
            .Where(d => d.Exists)
            .Select(d => d.EnumerateFiles().Sum(f => f.Length))
            .OrderDescending()
            .ToList();

        // Eleven collected accounts: one large, ten keeping only their fixed part.
        Assert.Equal(11, configBytes.Count);
        Assert.True(configBytes[0] > 5 * configBytes[1], $"largest {configBytes[0]:N0} bytes, next {configBytes[1]:N0}");
    }

    [Fact]
    public async Task AnUnreadableConfigFileMakesTheSameGapStreamedOrHeld()
    {
        var file = ConfigFiles().First();
        var bytes = File.ReadAllBytes(file);
        // Cut after most of its items: the stream has judged them before it meets the fault.
        File.WriteAllBytes(file, bytes[..(bytes.Length * 3 / 4)]);

        var (streamed, log) = await ScanAsync(streams: true);
        var (held, _) = await ScanAsync(streams: false);

        Assert.Contains($"whole: {file}", log);
        Assert.Contains(streamed.Gaps, g => g.Reason.Contains(file, StringComparison.Ordinal));
        AssertAlike(held, streamed);
    }

    [Fact]
    public async Task AResourceInTwoConfigFilesIsJudgedOnceStreamedOrHeld()
    {
        var file = ConfigFiles().First();
        File.Copy(file, Path.Combine(Path.GetDirectoryName(file)!, "zz-" + Path.GetFileName(file)));

        var (streamed, log) = await ScanAsync(streams: true);
        var (held, _) = await ScanAsync(streams: false);

        Assert.Contains("is in more than one configuration item", log);
        AssertAlike(held, streamed);
    }

    private IEnumerable<string> ConfigFiles() =>
        Directory.EnumerateDirectories(_directory).Where(d => Directory.Exists(Path.Combine(d, "config")))
            .OrderByDescending(d => new DirectoryInfo(Path.Combine(d, "config")).EnumerateFiles().Sum(f => f.Length))
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(d, "config"), "*.json").Order(StringComparer.Ordinal));

    private async Task<(ScanResult Result, string Log)> ScanAsync(bool streams)
    {
        var config = GuardrailsConfig.Load(Path.Combine(_directory, "guardrails.yaml"));
        var options = new ScanOptions { SnapshotDirectory = _directory, ConfigPath = config.SourcePath, OutputDirectory = _directory, RulePaths = [] };
        var log = new StringWriter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        var pipeline = new ScanPipeline(config, Support.Catalog.Rules, time, new ScanProgress(log, interactive: false))
        {
            StreamsAccounts = streams,
            StreamBatchSize = 64,
        };
        var evaluated = await pipeline.EvaluateAsync(options, TestContext.Current.CancellationToken);
        return (evaluated.Result, log.ToString());
    }

    private static void AssertAlike(ScanResult held, ScanResult streamed)
    {
        Assert.Equal(held.Resources, streamed.Resources);
        Assert.Equal(Json(held.Findings), Json(streamed.Findings));
        Assert.Equal(Json(held.Gaps), Json(streamed.Gaps));
        Assert.Equal(JsonSerializer.Serialize(held.Evaluations), JsonSerializer.Serialize(streamed.Evaluations));
        // The counts' dictionaries fill in the order evaluations finish, which threads decide, held or streamed.
        Assert.Equal(Sorted(JsonSerializer.SerializeToNode(held.Counts)), Sorted(JsonSerializer.SerializeToNode(streamed.Counts)));
    }

    private static string Sorted(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{JsonSerializer.Serialize(p.Key)}:{Sorted(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Sorted)) + "]",
        _ => node?.ToJsonString() ?? "null",
    };

    /// <summary>Every field of every item, in an order that does not depend on which thread judged what.</summary>
    private static List<string> Json<T>(IEnumerable<T> items) => [.. items.Select(i => JsonSerializer.Serialize(i)).Order(StringComparer.Ordinal)];
}
