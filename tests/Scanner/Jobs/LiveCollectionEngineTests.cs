using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Jobs;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Scanner.Collection;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>The engine without a snapshot: each part collects its account from the local AWS test server.</summary>
[Collection(HangfireStatics.Name)]
public sealed class LiveCollectionEngineTests
{
    [Fact]
    public async Task APartCollectsItsAccountLiveAsTheSnapshotSourceReadsTheServedEstateAndADeniedAccountIsAGap()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 8);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        harness.Server.Faults.DeniedAssumeRole[accounts[0]] = true;
        var config = GuardrailsConfig.Load(harness.WriteConfig());
        harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
        var work = Path.Combine(harness.Output.Path, "collecting");
        using var http = new HttpClient();
        using var log = new StringWriter();
        var live = new LiveSource(config, new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey), harness.Endpoints, http, work, log);
        var served = new SnapshotSource(harness.ServedDirectory, config.Estate);

        var collected = await live.ReadAsync(ScanId, accounts[1], TestContext.Current.CancellationToken);
        var expected = await served.ReadAsync(ScanId, accounts[1], TestContext.Current.CancellationToken);
        var denied = await live.ReadAsync(ScanId, accounts[0], TestContext.Current.CancellationToken);

        Assert.NotEmpty(collected.Resources);
        Assert.Equal(Describe(expected), Describe(collected));
        Assert.Empty(collected.Gaps);
        Assert.Empty(collected.Errors);
        Assert.NotNull(collected.CollectedAt);
        Assert.Empty(denied.Resources);
        var gap = Assert.Single(denied.Gaps);
        Assert.Equal((accounts[0], CoverageGap.Sources.AssumeRole), (gap.AccountId, gap.Source));
        // Only the part's account was read, and nothing stays on disk once the scan is discarded.
        Assert.DoesNotContain(harness.Server.Requests, r => r.Service is not "sts" && r.Account != accounts[1]);
        Assert.Equal([ScanId], live.KeptScans());
        live.Discard(ScanId);
        Assert.Empty(live.KeptScans());
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    [Fact]
    public async Task PartsOfOneAccountInOneScanShareOneCollectionWhetherAtOnceOrLaterAndAnotherScanCollectsAfresh()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 1, resourcesPerRegion: 8);
        var account = harness.Server.Estate.Accounts.Keys.Single();
        var config = GuardrailsConfig.Load(harness.WriteConfig());
        using var http = new HttpClient();
        var live = new LiveSource(config, new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey), harness.Endpoints, http,
            Path.Combine(harness.Output.Path, "collecting"), TextWriter.Null);

        var together = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => live.ReadAsync(ScanId, account, TestContext.Current.CancellationToken)));

        Assert.Equal(1, harness.Server.AssumeRoleCalls(account));
        Assert.All(together, a => Assert.Same(together[0], a));
        Assert.NotEmpty(together[0].Resources);
        var requests = harness.Server.Requests.Count;
        var later = await live.ReadAsync(ScanId, account, TestContext.Current.CancellationToken);
        Assert.Equal(requests, harness.Server.Requests.Count);
        Assert.Equal(Describe(together[0]), Describe(later));
        var nextScan = await live.ReadAsync("scan-2", account, TestContext.Current.CancellationToken);
        Assert.Equal(2, harness.Server.AssumeRoleCalls(account));
        Assert.Equal(Describe(together[0]), Describe(nextScan));
        Assert.Equal([ScanId, "scan-2"], live.KeptScans());
    }

    [Fact]
    public async Task ACollectionCutShortLeavesNoFolderUnderItsFinalNameAndThePartRetriedCollectsAgain()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 1, resourcesPerRegion: 8);
        var account = harness.Server.Estate.Accounts.Keys.Single();
        var config = GuardrailsConfig.Load(harness.WriteConfig());
        var work = Path.Combine(harness.Output.Path, "collecting");
        var credentials = new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey);
        // A worker killed mid-collection leaves its unfinished folder behind, with whatever it had written.
        var killed = Path.Combine(work, ScanId, $"{account}.unfinished-0123456789abcdef0123456789abcdef");
        harness.Server.Estate.WriteSnapshot(killed);
        Directory.Delete(Path.Combine(killed, account, "config"), recursive: true);
        // This worker is stopped (its cancellation token fires) once the collection is under way.
        using var stopping = new CancellationTokenSource();
        using (var stopped = new HttpClient(new CancelAfterRequests(stopping, requests: 6)))
        {
            var cutShort = new LiveSource(config, credentials, harness.Endpoints, stopped, work, TextWriter.Null);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cutShort.ReadAsync(ScanId, account, stopping.Token));
        }
        Assert.Equal(1, harness.Server.AssumeRoleCalls(account));
        Assert.False(Directory.Exists(Path.Combine(work, ScanId, account)));

        using var http = new HttpClient();
        var retried = await new LiveSource(config, credentials, harness.Endpoints, http, work, TextWriter.Null)
            .ReadAsync(ScanId, account, TestContext.Current.CancellationToken);

        Assert.Equal(2, harness.Server.AssumeRoleCalls(account));
        harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
        var served = await new SnapshotSource(harness.ServedDirectory, config.Estate).ReadAsync(ScanId, account, TestContext.Current.CancellationToken);
        Assert.Contains(served.Resources, r => r.Region != "global");
        Assert.Equal(Describe(served), Describe(retried));
        Assert.Empty(retried.Gaps);
        Assert.True(Directory.Exists(Path.Combine(work, ScanId, account)));
    }

    [Fact]
    public async Task AWholeLiveAuditRunPartByPartCollectsEachAccountOnceAndFinishRemovesWhatTheEndedScansCollected()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        HangfireStatics.Quiet();
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 8);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        var configPath = harness.WriteConfig();
        var config = GuardrailsConfig.Load(configPath);
        var state = Path.Combine(harness.Output.Path, "state");
        var collecting = Path.Combine(state, "collecting");
        var options = new EngineOptions
        {
            ConfigPath = configPath, SnapshotDirectory = null, OutputDirectory = Path.Combine(harness.Output.Path, "out"), StateDirectory = state, RulePaths = [],
        };
        using var http = new HttpClient();
        var live = new LiveSource(config, new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey), harness.Endpoints, http, collecting, TextWriter.Null);
        var store = new SqliteFindingsStore(Path.Combine(state, "findings.db"));
        var queue = new JobQueue();
        var jobs = new AuditJobs(new EngineRuntime(options, config, Support.Catalog.Rules, store, live), queue, TimeProvider.System, NullLogger<AuditJobs>.Instance);
        try
        {
            // Another scan is still running (its parts elsewhere), and a scan the store no longer knows left an unfinished collection.
            await jobs.StartAsync("customer-0", null, cancellationToken);
            var running = (string)queue.TakeAll().Select(j => j.Args[0]).Distinct().Single()!;
            Directory.CreateDirectory(Path.Combine(collecting, running, accounts[0]));
            var forgotten = Path.Combine(collecting, "20200101T000000Z-estate");
            Directory.CreateDirectory(Path.Combine(forgotten, $"{accounts[0]}.unfinished-0123456789abcdef0123456789abcdef"));

            await jobs.StartAsync(null, null, cancellationToken);
            var parts = 0;
            string? scanId = null;
            List<string> keptAtFinish = [];
            while (queue.TryTake(out var job))
            {
                if (job.Method.Name == nameof(AuditJobs.FinishAsync))
                {
                    scanId = (string)job.Args[0]!;
                    keptAtFinish = [.. Directory.EnumerateFileSystemEntries(Path.Combine(collecting, scanId)).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal)];
                }
                else
                {
                    parts++;
                }
                await (Task)job.Method.Invoke(jobs, [.. job.Args])!;
            }

            Assert.Equal(accounts.Count * (config.Estate.Regions.Count + 1), parts);
            Assert.NotNull(scanId);
            Assert.True((await store.FindScanAsync(scanId, cancellationToken))?.IsComplete);
            Assert.Equal(accounts, keptAtFinish);
            foreach (var account in accounts)
            {
                Assert.Equal(1, harness.Server.AssumeRoleCalls(account));
                foreach (var region in config.Estate.Regions)
                {
                    // The first page of the account's Config query in the region: one per collection.
                    Assert.Equal(1, harness.Server.Requests.Count(r => (r.Account, r.Region, r.Operation) == (account, region, "SelectResourceConfig")
                        && !r.JsonInput.Contains("NextToken", StringComparison.Ordinal)));
                }
            }
            Assert.Equal([running], live.KeptScans());
            Assert.False(Directory.Exists(Path.Combine(collecting, scanId)));
            Assert.False(Directory.Exists(forgotten));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
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
        // With network/: a live engine's parts read the network of every account, as scan reads the snapshot's.
        harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
        File.WriteAllText(Path.Combine(harness.ServedDirectory, "collection.json"),
            JsonSerializer.Serialize(new { collectedAt = DateTimeOffset.UtcNow, gaps = Array.Empty<object>() }));
        var config = GuardrailsConfig.Load(configPath);
        var options = new ScanOptions { SnapshotDirectory = harness.ServedDirectory, ConfigPath = configPath, OutputDirectory = harness.Output.Path, RulePaths = [] };
        var (result, _) = new ScanPipeline(config, Support.Catalog.Rules, TimeProvider.System, ScanProgress.Silent)
            .EvaluateAsync(options, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return [.. result.Findings];
    }

    private const string ScanId = "scan-1";

    private static SortedDictionary<string, string> Describe(Snapshot account) =>
        CollectionHarness.Describe(new Snapshot(account.Resources.ToList(), account.Gaps.ToList(), account.CollectedAt, account.Errors.ToList()));

    /// <summary>Cancels a token once so many requests have gone out: a worker stopped in the middle of a collection.</summary>
    private sealed class CancelAfterRequests(CancellationTokenSource stopping, int requests) : DelegatingHandler(new HttpClientHandler())
    {
        private int _sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _sent) == requests)
            {
                stopping.Cancel();
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
