using System.Diagnostics;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Scanner.Notifications;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>
/// At most once across a dying machine: a real worker process is killed while its Finish job is mailing the
/// digest (the SMTP server has the message and holds its reply), Hangfire gives the Finish job to another
/// worker, and no second message is sent.
/// </summary>
public sealed class FinishNotificationKillTests
{
    [Fact]
    public async Task AWorkerKilledWhileMailingTheDigestIsFollowedByAFinishThatDoesNotMailAgain()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpReceiver.StartAsync(hold: true);
        await using var estate = await ScaleOutEstate.CreateAsync(size: 3_000, accounts: 12, settings: $"""
            notifications:
              channels:
                - name: mail
                  minSeverity: info
                  email: {"{"} host: 127.0.0.1, port: {smtp.Port}, tls: none, from: guardrails@ocado.example, to: [secops@ocado.example] {"}"}
            """);
        using var first = new GuardrailsServer(estate.Directory, ["worker", .. estate.Args]);
        GuardrailsServer? second = null;
        try
        {
            var audit = GuardrailsProcess.Run(estate.Directory, ["audit", .. estate.Args]);
            Assert.True(audit.ExitCode == 0, audit.Output + audit.Error);
            var jobId = audit.Output.Trim().Split(' ')[^1];

            var kept = await Task.WhenAny(smtp.FirstKept.Task, Task.Delay(TimeSpan.FromMinutes(5), cancellationToken));
            Assert.True(kept == smtp.FirstKept.Task, "the first worker never mailed the digest:\n" + first.Output);
            await using var store = new PostgresFindingsStore(estate.Database.ConnectionString);
            var scan = (await store.FindScanByRequestAsync(jobId, cancellationToken))!;
            Assert.Equal(Delivery.Claimed, Assert.Single(await store.DeliveriesAsync(scan.ScanId, cancellationToken)).Status);
            var finish = Assert.Single(await estate.FinishJobsAsync());
            Assert.Equal("Processing", await estate.StateOfAsync(finish));

            first.KillHard();
            second = new GuardrailsServer(estate.Directory, ["worker", .. estate.Args]);

            // The killed worker's Finish job is taken again once its invisibility timeout (10 s) passes.
            var state = await estate.StateOfAsync(finish);
            for (var wait = Stopwatch.StartNew(); state != "Succeeded" && wait.Elapsed < TimeSpan.FromMinutes(3); state = await estate.StateOfAsync(finish))
            {
                await Task.Delay(500, cancellationToken);
            }
            Assert.True(state == "Succeeded", $"the Finish job {finish} is {state}; its states: {await estate.StatesOfAsync(finish)}\n{second.Output}");
            // Logged as the job ends: the line may reach us just after the job is seen to have succeeded.
            Assert.True(await second.PrintsAsync("was already complete", TimeSpan.FromSeconds(30), cancellationToken), second.Output);

            var (message, recipients) = Assert.Single(smtp.Received);
            Assert.Equal(["secops@ocado.example"], recipients);
            Assert.Contains(scan.ScanId, message.Subject);
            Assert.Equal(1, smtp.Transactions);
            // Sent at most once: the claim stays, and the next report says its outcome is unknown.
            Assert.Equal(Delivery.Claimed, Assert.Single(await store.DeliveriesAsync(scan.ScanId, cancellationToken)).Status);
            Assert.True(File.Exists(Path.Combine(estate.Directory, "out", "scans", scan.ScanId, "report.html")));
        }
        finally
        {
            second?.Dispose();
        }
    }
}
