using Npgsql;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Demo;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>
/// A 30-account demo estate with a guardrails.yaml that points at a test PostgreSQL database and
/// shortens Hangfire's timings, so that a killed worker's part runs elsewhere within seconds. The
/// rule timeout is long: on a loaded machine a rule starved of CPU for 2 s would give an Error in
/// one run and not in the other, a difference the test is not about.
/// </summary>
internal sealed class ScaleOutEstate : IAsyncDisposable
{
    public const int Accounts = 30;

    private readonly TemporaryDirectory _directory = new();

    private ScaleOutEstate(TestDatabase database)
    {
        Database = database;
    }

    public TestDatabase Database { get; }

    public string Directory => _directory.Path;

    public string Snapshot => Path.Combine(Directory, "snapshot");

    public string ConfigPath => Path.Combine(Directory, "guardrails.yaml");

    public string[] Args => ["--snapshot", Snapshot, "--config", ConfigPath, "--state", Path.Combine(Directory, "state"), "--out", Path.Combine(Directory, "out")];

    /// <param name="settings">More of guardrails.yaml, appended as written (notifications, say).</param>
    public static async Task<ScaleOutEstate> CreateAsync(int size, int accounts = Accounts, string settings = "")
    {
        var estate = new ScaleOutEstate(await TestPostgres.CreateDatabaseAsync());
        DemoEstate.Write(estate.Snapshot, new DemoOptions { Accounts = accounts, Size = size });
        await File.WriteAllTextAsync(estate.ConfigPath, await File.ReadAllTextAsync(Path.Combine(estate.Snapshot, "guardrails.yaml")) + $"""

            storage:
              postgres: "{estate.Database.ConnectionString}"
            engine:
              workers: 2
              invisibilityTimeout: 10s
              queuePollInterval: 1s
              schedulePollInterval: 1s
              ruleTimeout: 60s
            {settings}
            """);
        return estate;
    }

    /// <summary>The same estate scanned in one process: what the workers together must find, exactly.</summary>
    public List<string> SingleProcessFindings()
    {
        var config = GuardrailsConfig.Load(ConfigPath);
        var options = new ScanOptions { SnapshotDirectory = Snapshot, ConfigPath = ConfigPath, OutputDirectory = Directory, RulePaths = [] };
        var (result, _) = new ScanPipeline(config, Support.Catalog.Rules, TimeProvider.System, ScanProgress.Silent)
            .EvaluateAsync(options, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return Keys(result.Findings);
    }

    /// <summary>Everything that identifies a finding and what was said about it, history aside.</summary>
    public static List<string> Keys(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => $"{f.RuleId} {f.ResourceArn} {f.Verdict} {f.AccountId} {f.Region} {f.Customer} {f.Message}").Order(StringComparer.Ordinal)];

    /// <summary>Hangfire jobs being processed now, with the server that runs each.</summary>
    public async Task<List<(long Job, string Server)>> ProcessingAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT j.id, s.data::json->>'ServerId' FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid WHERE j.statename = 'Processing'", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var jobs = new List<(long, string)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            jobs.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return jobs;
    }

    /// <summary>The ids of the Finish jobs (history and reports, then notifications) of the engine, oldest first.</summary>
    public async Task<List<long>> FinishJobsAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT id FROM hangfire.job WHERE invocationdata::text LIKE '%FinishAsync%' ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var jobs = new List<long>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            jobs.Add(reader.GetInt64(0));
        }
        return jobs;
    }

    public async Task<string?> StateOfAsync(long job)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT statename FROM hangfire.job WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", job);
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A job's state history, oldest first: what to look at when a job did not end as expected.</summary>
    /// <summary>The job's rows in Hangfire's queue (when it was last fetched, against the server's clock), and the servers alive: what a stuck job is diagnosed from.</summary>
    public async Task<string> QueueRowsOfAsync(long job)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT 'queue row ' || id || ' fetchedat ' || coalesce(fetchedat::text, 'null') || ' (now ' || now()::text || ')' FROM hangfire.jobqueue WHERE jobid = @id " +
            "UNION ALL SELECT 'server ' || id || ' heartbeat ' || lastheartbeat::text FROM hangfire.server", connection);
        command.Parameters.AddWithValue("id", job);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }
        return rows.Count == 0 ? "no queue row, no server" : string.Join("; ", rows);
    }

    public async Task<string> StatesOfAsync(long job)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT name || ' ' || coalesce(reason, '') || ' ' || coalesce(data::text, '') FROM hangfire.state WHERE jobid = @id ORDER BY id", connection);
        command.Parameters.AddWithValue("id", job);
        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            states.Add(reader.GetString(0));
        }
        return string.Join(" -> ", states);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        _directory.Dispose();
    }
}
