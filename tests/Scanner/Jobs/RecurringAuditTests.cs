using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>guardrails serve on the embedded storage, as real processes: its recurring audits, and what survives a restart.</summary>
[Collection(HangfireStatics.Name)]
public sealed class RecurringAuditTests
{
    private const string Schedules = """
        schedules:
          default: { cron: "0 2 * * *", timeZone: Europe/London }
          globex: { cron: "30 23 * * 1-5", timeZone: America/New_York }
          estate: { cron: "0 4 * * *", timeZone: UTC }
        engine: { queuePollInterval: 500ms, schedulePollInterval: 1s }
        """;

    private static List<RecurringJobDto> RecurringJobs(string state)
    {
        HangfireStatics.Quiet();
        var storage = new SQLiteStorage(Path.Combine(state, "hangfire.db"), new SQLiteStorageOptions());
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    private static async Task<List<RecurringJobDto>> WaitForJobsAsync(string state, GuardrailsServer serve, int count)
    {
        for (var i = 0; i < 240; i++)
        {
            if (File.Exists(Path.Combine(state, "hangfire.db")) && RecurringJobs(state) is { } jobs && jobs.Count >= count)
            {
                return jobs;
            }
            Assert.False(serve.HasExited, "serve stopped:\n" + serve.Output);
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail("the recurring jobs did not appear in 60 s:\n" + serve.Output);
        return [];
    }

    [Fact]
    public async Task TheRecurringAuditsExistWithTheConfiguredCronsAndSurviveARestartAsDoesAnAuditEnqueuedWhileServeWasDown()
    {
        using var estate = new TinyEstate { Extra = Schedules }.Untagged("untagged").Write();
        var state = Path.Combine(estate.Directory, ".guardrails");
        string[] args = ["--snapshot", estate.Directory, "--state", state, "--out", Path.Combine(estate.Directory, "out"), "--urls", "http://127.0.0.1:0"];

        List<RecurringJobDto> first;
        using (var serve = new GuardrailsServer(estate.Directory, ["serve", .. args]))
        {
            first = await WaitForJobsAsync(state, serve, 3);
            serve.Stop();
        }
        var audit = GuardrailsProcess.Run(estate.Directory, ["audit", "--customer", "acme", .. args[..6]]);
        Assert.True(audit.ExitCode == 0, audit.Error);
        using var restarted = new GuardrailsServer(estate.Directory, ["serve", .. args]);
        var second = await WaitForJobsAsync(state, restarted, 3);
        var scan = await WaitForScanAsync(state, restarted);

        var acme = Assert.Single(first, j => j.Id == "audit-acme");
        var globex = Assert.Single(first, j => j.Id == "audit-globex");
        Assert.Equal(("0 2 * * *", "Europe/London"), (acme.Cron, acme.TimeZoneId));
        Assert.Equal(("30 23 * * 1-5", "America/New_York"), (globex.Cron, globex.TimeZoneId));
        // The estate-wide audit, so that the estate's report and trend exist and not only each customer's.
        var wholeEstate = Assert.Single(first, j => j.Id == "audit-estate");
        Assert.Equal(("0 4 * * *", "UTC"), (wholeEstate.Cron, wholeEstate.TimeZoneId));
        Assert.NotNull(acme.NextExecution);
        Assert.Equal(first.Select(j => (j.Id, j.Cron, j.TimeZoneId, j.CreatedAt)).Order(), second.Select(j => (j.Id, j.Cron, j.TimeZoneId, j.CreatedAt)).Order());
        Assert.Contains(scan.Findings, f => f.ResourceArn == TinyEstate.Arn("untagged") && f.Status == Ocado.Guardrails.Rules.Findings.FindingStatus.New);
    }

    private static async Task<StoredScan> WaitForScanAsync(string state, GuardrailsServer serve)
    {
        var store = new SqliteFindingsStore(Path.Combine(state, "findings.db"));
        for (var i = 0; i < 240; i++)
        {
            if (File.Exists(store.Path))
            {
                try
                {
                    var trend = await store.TrendAsync("acme", 1, TestContext.Current.CancellationToken);
                    if (trend.Count == 1)
                    {
                        return await store.ReadScanAsync(trend[0].ScanId, TestContext.Current.CancellationToken);
                    }
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // The tables appear when the audit starts.
                }
            }
            Assert.False(serve.HasExited, "serve stopped:\n" + serve.Output);
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail("the audit enqueued while serve was down did not complete in 60 s:\n" + serve.Output);
        return null!;
    }
}
