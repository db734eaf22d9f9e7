using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Jobs;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// A scan of one customer wrote every other customer's report too, with 0 findings and "Coverage:
/// complete" for accounts it never read. It writes only the customer's own now.
/// </summary>
public sealed class ScopedOutputsTests
{
    private static string Read(string path) => File.ReadAllText(path);

    [Fact]
    public void ScanOfOneCustomerWritesThatCustomersReportsOnlyAndItsOwnReportNamesNoOtherCustomer()
    {
        using var estate = new TinyEstate().Untagged("untagged").Write();
        var output = Path.Combine(estate.Directory, "out");

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", estate.Directory, "--customer", "acme", "--out", output, "--no-store", "--quiet");

        Assert.True(scan.ExitCode == 0, scan.Error);
        Assert.Equal(["acme"], Directory.GetDirectories(Path.Combine(output, "customers")).Select(Path.GetFileName));
        Assert.Contains(TinyEstate.Arn("untagged"), Read(Path.Combine(output, "customers", "acme", "findings.json")));
        foreach (var file in new[] { "report.html", "findings.json" })
        {
            Assert.DoesNotContain("Globex", Read(Path.Combine(output, file)));
            Assert.DoesNotContain(TinyEstate.OtherAccount, Read(Path.Combine(output, file)));
        }
        Assert.Contains("Acme Foods", Read(Path.Combine(output, "report.html")));
    }

    [Fact]
    public async Task AnAuditOfOneCustomerWritesThatCustomersReportsOnly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var estate = new TinyEstate().Untagged("untagged").Write();
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var options = new EngineOptions
        {
            ConfigPath = estate.ConfigPath, SnapshotDirectory = estate.Directory, OutputDirectory = Path.Combine(estate.Directory, "out"),
            StateDirectory = Path.Combine(estate.Directory, "state"), RulePaths = [],
        };
        var store = new SqliteFindingsStore(Path.Combine(options.StateDirectory, "findings.db"));
        var queue = new JobQueue();
        var jobs = new AuditJobs(new EngineRuntime(options, config, Support.Catalog.Rules, store, new SnapshotSource(estate.Directory, config.Estate)),
            queue, TimeProvider.System, NullLogger<AuditJobs>.Instance);
        try
        {
            await jobs.StartAsync("acme", null, cancellationToken);
            while (queue.TryTake(out var job))
            {
                await (Task)job.Method.Invoke(jobs, [.. job.Args])!;
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        var scan = Assert.Single(Directory.GetDirectories(Path.Combine(options.OutputDirectory, "scans")));
        Assert.Equal(["acme"], Directory.GetDirectories(Path.Combine(scan, "customers")).Select(Path.GetFileName));
        Assert.Contains(TinyEstate.Arn("untagged"), Read(Path.Combine(scan, "customers", "acme", "findings.json")));
        Assert.DoesNotContain("Globex", Read(Path.Combine(scan, "report.html")));
    }

    /// <summary>Hangfire's client for jobs that the test runs itself, in the order they were enqueued.</summary>
    private sealed class JobQueue : IBackgroundJobClient
    {
        private readonly Queue<Job> _jobs = new();

        public string Create(Job job, IState state)
        {
            _jobs.Enqueue(job);
            return _jobs.Count.ToString(CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => throw new NotSupportedException();

        public bool TryTake([NotNullWhen(true)] out Job? job) => _jobs.TryDequeue(out job);
    }
}
