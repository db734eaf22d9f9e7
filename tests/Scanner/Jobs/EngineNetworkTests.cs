using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Jobs;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Scanner.Collection;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>
/// The engine judges the estate's network as <c>guardrails scan</c> does: each worker reads the network of every
/// account once per scan (<c>ScanViewCache</c>), so a path through the hub is found by the part of the VPC it starts
/// from, whichever worker runs it, and a part retried elsewhere after its worker died judges it alike.
/// </summary>
[Collection(HangfireStatics.Name)]
public sealed class EngineNetworkTests
{
    [Fact]
    public async Task TwoWorkersAndOneThatDiesMidScanJudgeTheDemoNetworkAsScanDoes()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        HangfireStatics.Quiet();
        await using var estate = await ScaleOutEstate.CreateAsync(size: 3_000, accounts: 12);
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var (expected, expectedGaps) = Scan(config, estate.Snapshot, estate.ConfigPath, estate.Directory);
        await using var store = new PostgresFindingsStore(estate.Database.ConnectionString);
        var queue = new JobQueue();
        var sources = new List<SnapshotSource>();
        // Each worker is a process of its own: its own source and caches, one store.
        AuditJobs Worker()
        {
            sources.Add(new SnapshotSource(estate.Snapshot, config.Estate, config.Limits));
            return new(new EngineRuntime(Options(estate.ConfigPath, estate.Snapshot, estate.Directory), config, Support.Catalog.Rules, store, sources[^1]),
                queue, TimeProvider.System, NullLogger<AuditJobs>.Instance);
        }
        AuditJobs[] workers = [Worker(), Worker()];
        var dying = Worker();

        await workers[0].StartAsync(null, null, cancellationToken);
        var parts = queue.TakeAll();
        // The dying worker saves the part of the hub's transit gateway and dies before Hangfire hears of it, holding the
        // part of a VPC with a route path to another customer, which it never ran.
        Hangfire.Common.Job PartOf(Finding finding) => parts.Single(p => p.Args[1] as string == finding.AccountId && p.Args[2] as string == finding.Region);
        var saved = PartOf(expected.First(f => f.RuleId.StartsWith("segregation-transit-gateway-", StringComparison.Ordinal)));
        var held = PartOf(expected.First(f => f.RuleId == "segregation-vpc-no-route-to-foreign-customer" && f.Verdict == Verdict.Fail));
        Assert.NotSame(saved, held);
        await RunAsync(dying, saved);
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] != saved && parts[i] != held)
            {
                await RunAsync(workers[i % 2], parts[i]);
            }
        }
        // Hangfire gives both to a worker that has not judged this scan yet: its views are built afresh.
        var retrying = Worker();
        await RunAsync(retrying, held);
        await RunAsync(retrying, saved);
        string? scanId = null;
        while (queue.TryTake(out var job))
        {
            scanId ??= (string)job.Args[0]!;
            await RunAsync(workers[0], job);
        }

        Assert.NotNull(scanId);
        var stored = await store.ReadScanAsync(scanId, cancellationToken);
        Assert.True(stored.Scan.IsComplete);
        var network = Keys(expected.Where(IsNetwork));
        // The demo's plants are found by scan: the comparison below is about something.
        Assert.Contains(network, k => k.StartsWith("segregation-vpc-no-route-to-foreign-customer ", StringComparison.Ordinal) && k.Contains(" Fail ", StringComparison.Ordinal));
        Assert.Contains(network, k => k.StartsWith("segregation-transit-gateway-", StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Findings, f => f.Message.Contains(RuleContext.NotCollected, StringComparison.Ordinal));
        Assert.Equal(network, Keys(stored.Findings.Where(IsNetwork)));
        Assert.Equal(Gaps(expectedGaps), Gaps(stored.Gaps));
        // Nothing else differs either, and no finding was saved by two parts. (A rule's Error is left out: on a loaded
        // machine a regular expression starved of CPU times out in one run and not the other, which is not this test's matter.)
        Assert.Equal(Keys(expected.Where(f => f.Verdict != Verdict.Error)), Keys(stored.Findings.Where(f => f.Verdict != Verdict.Error)));
        // Each part keeps an evidence text or tag set that several of its findings share once (ResultRows), and gives it back to
        // each: the evidence is in Keys, the tags here.
        Assert.Equal(Tags(expected.Where(f => f.Verdict != Verdict.Error)), Tags(stored.Findings.Where(f => f.Verdict != Verdict.Error)));
        await using (var connection = new Npgsql.NpgsqlConnection(estate.Database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            async Task<long> CountAsync(string sql)
            {
                await using var command = new Npgsql.NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("id", scanId);
                return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
            Assert.True(await CountAsync("SELECT COUNT(*) FROM gr_results WHERE scan_id = @id AND (tags_of IS NOT NULL OR evidence_of IS NOT NULL)") > 0);
            foreach (var column in new[] { "evidence", "tags" })
            {
                Assert.Equal(0L, await CountAsync($"""
                    SELECT COUNT(*) FROM (SELECT 1 FROM gr_results WHERE scan_id = @id AND part_account <> '' AND {column} IS NOT NULL
                    GROUP BY part_account, part_region, {column} HAVING COUNT(*) > 1) AS repeated
                    """));
            }
        }

        // The worker that ran no Finish still holds the scan's network; its next job lets it go.
        Assert.Equal([scanId], sources[1].KeptScans());
        await workers[1].StartAsync(config.Estate.Customers[0].Id, null, cancellationToken);
        await RunAsync(workers[1], queue.TakeAll()[0]);
        Assert.DoesNotContain(scanId, sources[1].KeptScans());
    }

    [Fact]
    public async Task TwoMachinesCollectingLiveJudgeTheHubAsScanJudgesTheSameEstateWrittenAsFiles()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        HangfireStatics.Quiet();
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (_, sameCustomer, other, _) = CollectNetworkTests.PlantHub(harness);
        var configPath = harness.WriteConfig();
        var config = GuardrailsConfig.Load(configPath);
        var state = Path.Combine(harness.Output.Path, "state");
        using var http = new HttpClient();
        var credentials = new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey);
        var store = new SqliteFindingsStore(Path.Combine(state, "findings.db"));
        var queue = new JobQueue();
        // Two machines: each collects into its own state directory.
        AuditJobs Machine(string name) => new(
            new EngineRuntime(Options(configPath, null, harness.Output.Path), config, Support.Catalog.Rules, store,
                new LiveSource(config, credentials, harness.Endpoints, http, Path.Combine(harness.Output.Path, name, "collecting"), TextWriter.Null)),
            queue, TimeProvider.System, NullLogger<AuditJobs>.Instance);
        AuditJobs[] machines = [Machine("a"), Machine("b")];
        try
        {
            await machines[0].StartAsync(null, null, cancellationToken);
            string? scanId = null;
            for (var i = 0; queue.TryTake(out var job); i++)
            {
                scanId = (string)job.Args[0]!;
                await RunAsync(machines[i % 2], job);
            }
            var stored = await store.ReadScanAsync(scanId!, cancellationToken);
            harness.Server.Estate.WriteSnapshot(harness.ServedDirectory);
            File.WriteAllText(Path.Combine(harness.ServedDirectory, "collection.json"), $$"""{"collectedAt": "{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}}", "gaps": []}""");
            var (expected, expectedGaps) = Scan(config, harness.ServedDirectory, configPath, harness.Output.Path);

            var network = Keys(expected.Where(IsNetwork));
            Assert.Contains(network, k => k.StartsWith($"segregation-vpc-no-route-to-foreign-customer arn:aws:ec2:eu-west-1:{sameCustomer}:vpc/", StringComparison.Ordinal) && k.Contains(" Fail ", StringComparison.Ordinal));
            Assert.Contains(network, k => k.StartsWith($"segregation-vpc-no-route-to-foreign-customer arn:aws:ec2:eu-west-1:{other}:vpc/", StringComparison.Ordinal) && k.Contains(" Fail ", StringComparison.Ordinal));
            Assert.Equal(network, Keys(stored.Findings.Where(IsNetwork)));
            Assert.Empty(expectedGaps);
            Assert.Empty(stored.Gaps);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static EngineOptions Options(string configPath, string? snapshot, string directory) => new()
    {
        ConfigPath = configPath, SnapshotDirectory = snapshot, OutputDirectory = Path.Combine(directory, "out"), StateDirectory = Path.Combine(directory, "state"), RulePaths = [],
    };

    private static Task RunAsync(AuditJobs worker, Hangfire.Common.Job job) => (Task)job.Method.Invoke(worker, [.. job.Args])!;

    /// <summary><c>guardrails scan</c> of the same snapshot in one process: its findings and coverage gaps.</summary>
    private static (IReadOnlyList<Finding> Findings, IReadOnlyList<CoverageGap> Gaps) Scan(GuardrailsConfig config, string snapshot, string configPath, string directory)
    {
        var options = new ScanOptions { SnapshotDirectory = snapshot, ConfigPath = configPath, OutputDirectory = directory, RulePaths = [] };
        var (result, _) = new ScanPipeline(config, Support.Catalog.Rules, TimeProvider.System, ScanProgress.Silent)
            .EvaluateAsync(options, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return (result.Findings, result.Gaps);
    }

    /// <summary>The rules that judge routes, transit gateways and endpoint services across the estate (docs/network.md).</summary>
    private static bool IsNetwork(Finding finding) =>
        finding.RuleId.StartsWith("segregation-vpc-", StringComparison.Ordinal) || finding.RuleId.StartsWith("segregation-transit-gateway-", StringComparison.Ordinal)
        || finding.RuleId.StartsWith("segregation-endpoint-service-", StringComparison.Ordinal);

    /// <summary>Everything a finding says, evidence (the path's hops) included, history aside.</summary>
    private static List<string> Keys(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => $"{f.RuleId} {f.ResourceArn} {f.Verdict} {f.Severity} {f.AccountId} {f.Region} {f.Customer} {f.Message} {f.Evidence}").Order(StringComparer.Ordinal)];

    private static List<string> Gaps(IEnumerable<CoverageGap> gaps) =>
        [.. gaps.Select(g => $"{g.AccountId} {g.Region} {g.Source} {g.Reason}").Order(StringComparer.Ordinal)];

    /// <summary>Each finding with its tags (<see cref="Keys"/> has its evidence).</summary>
    private static List<string> Tags(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => $"{f.RuleId} {f.ResourceArn} {f.Region} {string.Join(",", (f.Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}")
            .Order(StringComparer.Ordinal)];
}
