using System.CommandLine;
using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Jobs;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails audit</c>: enqueue one audit now, for the workers (or serve) to run; optionally wait for it.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var shared = new EngineCommandOptions(runsParts: false);
        var customer = new Option<string?>("--customer") { Description = "The customer to audit (default: the whole estate, platform accounts included)" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the scan is complete and print where its reports are" };
        var timeout = new Option<int>("--timeout") { Description = "With --wait: give up after this many seconds (exit 1)", DefaultValueFactory = _ => 3600 };
        var command = new Command("audit", "Enqueue an audit now into the storage of guardrails.yaml: a worker or serve runs it (also: 'Trigger now' on the dashboard's recurring jobs).")
        {
            customer, wait, timeout,
        };
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (shared.Read(parse) is not { } options)
            {
                return ExitCodes.UsageError;
            }
            GuardrailsConfig config;
            try
            {
                config = GuardrailsConfig.Load(options.ConfigPath);
            }
            catch (ConfigException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageError;
            }
            var customerId = parse.GetValue(customer);
            if (customerId is not null && config.Estate.Customers.All(c => c.Id != customerId))
            {
                Console.Error.WriteLine($"error: no customer '{customerId}'; customers: {string.Join(", ", config.Estate.Customers.Select(c => c.Id))}");
                return ExitCodes.UsageError;
            }
            var services = new ServiceCollection().AddLogging();
            services.AddHangfire(hangfire => HangfireStorage.Use(hangfire, config, options.StateDirectory));
            await using var provider = services.BuildServiceProvider();
            var jobId = provider.GetRequiredService<IBackgroundJobClient>().Enqueue<AuditJobs>(j => j.StartAsync(customerId, null, CancellationToken.None));
            Console.WriteLine($"Enqueued audit of {customerId ?? "the whole estate"}: job {jobId}");
            return parse.GetValue(wait)
                ? await WaitAsync(FindingsStores.Open(config.Storage, options.StateDirectory), jobId, options, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken)
                : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> WaitAsync(IFindingsStore store, string jobId, EngineOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        ScanRecord? scan = null;
        while (watch.Elapsed < timeout)
        {
            try
            {
                scan = await store.FindScanByRequestAsync(jobId, cancellationToken);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.PostgresException)
            {
                // The tables appear when the first audit starts.
            }
            if (scan?.IsComplete == true)
            {
                var trend = await store.TrendAsync(scan.Scope, 100, cancellationToken);
                var counts = trend.LastOrDefault(p => p.ScanId == scan.ScanId);
                Console.WriteLine($"Scan {scan.ScanId} complete: {scan.PartsTotal} parts in {(scan.FinishedAt!.Value - scan.StartedAt).TotalSeconds:F1} s; " +
                                  $"{counts?.New ?? 0} new, {counts?.Open ?? 0} open, {counts?.Resolved ?? 0} resolved, {counts?.Suppressed ?? 0} suppressed");
                Console.WriteLine($"Reports: {Path.Combine(options.OutputDirectory, "scans", scan.ScanId)} (written by the final job, on the machine that ran it)");
                return ExitCodes.Ok;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        Console.Error.WriteLine($"error: the audit did not complete in {timeout.TotalSeconds:F0} s{(scan is null ? " (it has not started: is a worker running?)" : $" ({scan.PartsPending} of {scan.PartsTotal} parts pending)")}");
        return ExitCodes.Findings;
    }
}
