using System.Diagnostics;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>Workers as real processes on one PostgreSQL: the production setup, with a machine dying mid-scan.</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task ThreeWorkersScanA30AccountEstateAndOneKilledMidScanLosesAndDuplicatesNothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var estate = await ScaleOutEstate.CreateAsync(size: 30_000);
        var expected = estate.SingleProcessFindings();
        var workers = Enumerable.Range(0, 3).Select(_ => new GuardrailsServer(estate.Directory, ["worker", .. estate.Args])).ToList();
        try
        {
            var watch = Stopwatch.StartNew();
            var audit = GuardrailsProcess.Run(estate.Directory, ["audit", .. estate.Args]);
            Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
            var jobId = audit.Output.Trim().Split(' ')[^1];
            await using var store = new PostgresFindingsStore(estate.Database.ConnectionString);

            // Kill the worker that is running a part, once the scan is under way.
            List<long> inFlight = [];
            GuardrailsServer? victim = null;
            while (victim is null && watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                var scan = await TryFindAsync(store, jobId);
                if (scan is { IsComplete: false } && scan.PartsTotal - scan.PartsPending >= 5)
                {
                    var processing = await estate.ProcessingAsync();
                    victim = workers.FirstOrDefault(w => processing.Any(p => p.Server.Contains($":{w.Id}:", StringComparison.Ordinal)));
                    if (victim is not null)
                    {
                        victim.KillHard();
                        inFlight = [.. processing.Where(p => p.Server.Contains($":{victim.Id}:", StringComparison.Ordinal)).Select(p => p.Job)];
                    }
                }
                Assert.False(scan?.IsComplete == true, "the scan completed before a worker could be killed mid-scan");
                await Task.Delay(50, cancellationToken);
            }
            Assert.True(victim is not null, "no worker was seen running a part:\n" + string.Join("\n---\n", workers.Select(w => w.Output)));

            ScanRecord? done = null;
            while (watch.Elapsed < TimeSpan.FromMinutes(4) && (done = await TryFindAsync(store, jobId)) is not { IsComplete: true })
            {
                await Task.Delay(250, cancellationToken);
            }
            Assert.True(done?.IsComplete == true, $"the scan did not complete: {done?.PartsPending} of {done?.PartsTotal} parts pending\n" + string.Join("\n---\n", workers.Select(w => w.Output)));
            var elapsed = watch.Elapsed;
            var stored = await store.ReadScanAsync(done!.ScanId, cancellationToken);
            var actual = ScaleOutEstate.Keys(stored.Findings);

            Assert.Equal(ScaleOutEstate.Accounts * 3, done.PartsTotal);
            var missing = expected.Except(actual).Take(5).ToList();
            var extra = actual.Except(expected).Take(5).ToList();
            Assert.True(expected.Count == actual.Count && missing.Count == 0 && extra.Count == 0,
                $"{expected.Count} findings in one process, {actual.Count} from the workers; missing: {string.Join(" | ", missing)}; extra: {string.Join(" | ", extra)}");
            Assert.Equal(expected, actual);
            // A part the killed worker had saved but not yet marked done completes the scan without it; its job is
            // taken again once its invisibility timeout (10 s) passes, finds the part saved, and succeeds. A worker
            // killed while changing the job's state leaves the job's lock behind: the job moves once the lock counts
            // as abandoned (HangfireStorage.AbandonedLockTimeout, a minute). On a busy machine the surviving workers
            // may take a while more to poll for it.
            foreach (var job in inFlight)
            {
                var state = await estate.StateOfAsync(job);
                for (var wait = Stopwatch.StartNew(); state != "Succeeded" && wait.Elapsed < TimeSpan.FromMinutes(3); state = await estate.StateOfAsync(job))
                {
                    await Task.Delay(500, cancellationToken);
                }
                Assert.True(state == "Succeeded", $"job {job} of the killed worker is {state}; its states: {await estate.StatesOfAsync(job)}; {await estate.QueueRowsOfAsync(job)}\n" +
                    string.Join("\n---\n", workers.Select(w => w.Output)));
            }
            TestContext.Current.SendDiagnosticMessage(
                $"scale-out: {ScaleOutEstate.Accounts} accounts, {stored.Resources:N0} resources, {done.PartsTotal} parts, 3 workers (one SIGKILLed with {inFlight.Count} part(s) in flight): " +
                $"{elapsed.TotalSeconds:F1} s, {ScaleOutEstate.Accounts / elapsed.TotalMinutes:F1} accounts/min; {actual.Count:N0} findings, as in one process");
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static async Task<ScanRecord?> TryFindAsync(IFindingsStore store, string jobId)
    {
        try
        {
            return await store.FindScanByRequestAsync(jobId, TestContext.Current.CancellationToken);
        }
        catch (Npgsql.PostgresException)
        {
            // The tables appear when the first worker starts the audit.
            return null;
        }
    }
}
