using System.Text.Json;
using Amazon.Runtime;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Engine;
using Ocado.Guardrails.Scanner.Scanning;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Collection;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scheduling;

/// <summary>The engine without a snapshot: each part collects its account from the local AWS test server.</summary>
[Collection(HangfireStatics.Name)]
public sealed class LiveCollectionEngineTests
{
    [Fact]
    public async Task APartCollectsItsAccountLiveAsTheSnapshotCollectorReadsTheServedEstateAndADeniedAccountIsAGap()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 8);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        harness.Server.Faults.DeniedAssumeRole[accounts[0]] = true;
        var config = GuardrailsConfig.Load(harness.WriteConfig());
        harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
        var work = Path.Combine(harness.Output.Path, "collecting");
        using var http = new HttpClient();
        using var log = new StringWriter();
        var live = new LiveCollector(config, new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey), harness.Endpoints, http, work, log);
        var served = new SnapshotCollector(harness.ServedDirectory, config.Estate);

        var collected = await live.CollectAsync(accounts[1], TestContext.Current.CancellationToken);
        var expected = await served.CollectAsync(accounts[1], TestContext.Current.CancellationToken);
        var denied = await live.CollectAsync(accounts[0], TestContext.Current.CancellationToken);

        Assert.NotEmpty(collected.Resources);
        Assert.Equal(Describe(expected), Describe(collected));
        Assert.Empty(collected.Gaps);
        Assert.Empty(collected.Errors);
        Assert.NotNull(collected.CollectedAt);
        Assert.Empty(denied.Resources);
        var gap = Assert.Single(denied.Gaps);
        Assert.Equal((accounts[0], CoverageGap.Sources.AssumeRole), (gap.AccountId, gap.Source));
        // Only the part's account was read, and nothing (no session secret) stays on disk.
        Assert.DoesNotContain(harness.Server.Requests, r => r.Service is not "sts" && r.Account != accounts[1]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    [Fact]
    public async Task PartsOfOneAccountThatRunAtOnceShareOneCollectionAndALaterPartCollectsAfresh()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 1, resourcesPerRegion: 8);
        var account = harness.Server.Estate.Accounts.Keys.Single();
        var config = GuardrailsConfig.Load(harness.WriteConfig());
        using var http = new HttpClient();
        var live = new LiveCollector(config, new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey), harness.Endpoints, http,
            Path.Combine(harness.Output.Path, "collecting"), TextWriter.Null);

        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => live.CollectAsync(account, TestContext.Current.CancellationToken)));

        Assert.Equal(1, harness.Server.AssumeRoleCalls(account));
        Assert.All(together, a => Assert.Same(together[0], a));
        Assert.NotEmpty(together[0].Resources);
        var later = await live.CollectAsync(account, TestContext.Current.CancellationToken);
        Assert.Equal(2, harness.Server.AssumeRoleCalls(account));
        Assert.Equal(Describe(together[0]), Describe(later));
    }

    [Fact]
    public async Task ServeWithoutASnapshotAuditsTheLiveEstateToTheFindingsOfTheServedEstateWithTheDeniedAccountNotAssessed()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 8);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        var denied = accounts[0];
        harness.Server.Faults.DeniedAssumeRole[denied] = true;
        var configPath = harness.WriteConfig("engine: { queuePollInterval: 500ms, schedulePollInterval: 1s }");
        var state = Path.Combine(harness.Output.Path, "state");
        var output = Path.Combine(harness.Output.Path, "out");
        string[] shared = ["--config", configPath, "--state", state, "--out", output];

        string jobId;
        using (var serve = new GuardrailsServer(harness.Output.Path, harness.ProcessEnvironment(), ["serve", .. shared, "--urls", "http://127.0.0.1:0"]))
        {
            var audit = GuardrailsProcess.Run(harness.Output.Path, ["audit", .. shared, "--wait", "--timeout", "120"]);
            Assert.True(audit.ExitCode == 0, audit.Output + audit.Error + "\n--- serve:\n" + serve.Output);
            jobId = audit.Output.Split('\n')[0].Trim().Split(' ')[^1];
            serve.Stop();
        }

        var store = new SqliteFindingsStore(Path.Combine(state, "findings.db"));
        var record = await store.FindScanByRequestAsync(jobId, TestContext.Current.CancellationToken);
        Assert.NotNull(record);
        var scan = await store.ReadScanAsync(record.ScanId, TestContext.Current.CancellationToken);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var expected = ServedFindings(harness, configPath);
        Assert.Contains(expected, f => f.Verdict == Verdict.Fail);
        Assert.Equal(
            ScaleOutEstate.Keys(expected.Where(f => f.AccountId != denied)),
            ScaleOutEstate.Keys(scan.Findings.Where(f => f.AccountId != denied)));
        var notAssessed = scan.Findings.Where(f => f.AccountId == denied).ToList();
        Assert.NotEmpty(notAssessed);
        Assert.All(notAssessed, f => Assert.Equal(Verdict.NotAssessed, f.Verdict));
        Assert.All(accounts.Skip(1), a => Assert.True(harness.Server.AssumeRoleCalls(a) > 0));
        Assert.True(File.Exists(Path.Combine(output, "scans", record.ScanId, "findings.json")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(state, "collecting")));
    }

    /// <summary>The served estate scanned in one process from its snapshot, as of now (the live parts collected moments ago).</summary>
    private static List<Finding> ServedFindings(CollectionHarness harness, string configPath)
    {
        harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
        File.WriteAllText(Path.Combine(harness.ServedDirectory, "collection.json"),
            JsonSerializer.Serialize(new { collectedAt = DateTimeOffset.UtcNow, gaps = Array.Empty<object>() }));
        var config = GuardrailsConfig.Load(configPath);
        var options = new ScanOptions { SnapshotDirectory = harness.ServedDirectory, ConfigPath = configPath, OutputDirectory = harness.Output.Path, RulePaths = [] };
        var (result, _) = new ScanRunner(TimeProvider.System, new ScanProgress(TextWriter.Null, false, quiet: true))
            .Run(options, config, Support.Catalog.Rules, TestContext.Current.CancellationToken);
        return [.. result.Findings];
    }

    private static SortedDictionary<string, string> Describe(CollectedAccount account) =>
        CollectionHarness.Describe(new Snapshot(account.Resources.ToList(), account.Gaps.ToList(), account.CollectedAt, account.Errors.ToList()));
}
