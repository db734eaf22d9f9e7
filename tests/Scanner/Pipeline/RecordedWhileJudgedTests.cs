using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Scanner.Demo;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// <c>scan</c> records each account's findings while the next is judged: the store and the scan read back from it are
/// those of recording the scan once it is all judged, night after night (new, then open, and first seen the first night).
/// </summary>
public sealed class RecordedWhileJudgedTests : IDisposable
{
    private readonly string _directory;

    public RecordedWhileJudgedTests()
    {
        _directory = DemoBuilder.TempDirectory();
        DemoEstate.Write(_directory, new DemoOptions { Size = DemoBuilder.SmallSize });
    }

    public void Dispose() => DemoBuilder.Delete(_directory);

    [Fact]
    public async Task AScanRecordedWhileItIsJudgedIsTheScanRecordedAfterJudging()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        var after = new SqliteFindingsStore(Path.Combine(_directory, "after", "findings.db"));
        var during = new SqliteFindingsStore(Path.Combine(_directory, "during", "findings.db"));
        for (var night = 1; night <= 2; night++)
        {
            var expected = await ScanAsync(time, after, whileJudged: false);
            var recorded = await ScanAsync(time, during, whileJudged: true);

            Assert.True(recorded.Findings.Count > 100, $"only {recorded.Findings.Count} findings");
            Assert.Equal(night == 1 ? FindingStatus.New : FindingStatus.Open, recorded.Findings.First(f => f.Verdict == Verdict.Fail).Status);
            Assert.Equal(Json(expected.Findings), Json(recorded.Findings));
            Assert.Equal(Json(expected.Gaps), Json(recorded.Gaps));
            Assert.Equal(JsonSerializer.Serialize(expected.Evaluations), JsonSerializer.Serialize(recorded.Evaluations));
            Assert.Equal(expected.Resources, recorded.Resources);
            Assert.Equal(JsonSerializer.Serialize(expected.Trend), JsonSerializer.Serialize(recorded.Trend));
            Assert.Equal(JsonSerializer.Serialize(expected.CustomerTrends), JsonSerializer.Serialize(recorded.CustomerTrends));
            Assert.Equal(JsonSerializer.Serialize(expected.Waivers), JsonSerializer.Serialize(recorded.Waivers));
            time.Advance(TimeSpan.FromDays(1));
        }
    }

    private async Task<ScanResult> ScanAsync(TimeProvider time, IFindingsStore store, bool whileJudged)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var config = GuardrailsConfig.Load(Path.Combine(_directory, "guardrails.yaml"));
        var options = new ScanOptions { SnapshotDirectory = _directory, ConfigPath = config.SourcePath, OutputDirectory = _directory, RulePaths = [] };
        var pipeline = new ScanPipeline(config, Support.Catalog.Rules, time, ScanProgress.Silent);
        if (whileJudged)
        {
            return await pipeline.EvaluateAndRecordAsync(options, store, cancellationToken);
        }
        await store.EnsureSchemaAsync(cancellationToken);
        return await pipeline.RecordAsync(store, await pipeline.EvaluateAsync(options, cancellationToken, store), null, cancellationToken);
    }

    /// <summary>Every field of every item, in an order that does not depend on which thread judged what.</summary>
    private static List<string> Json<T>(IEnumerable<T> items) => [.. items.Select(i => JsonSerializer.Serialize(i)).Order(StringComparer.Ordinal)];
}
