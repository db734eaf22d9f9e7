using System.Text;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// The credential report: GenerateCredentialReport starts it, GetCredentialReport is polled until IAM has it (404
/// ReportInProgress meanwhile), so the call that finds it ready is the one that returns it.
/// </summary>
public sealed class CollectCredentialReportTests
{
    [Fact]
    public async Task AReportBeingGeneratedIsPolledWithGetCredentialReportAndGenerateIsAskedOnce()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 3, resourcesPerRegion: 2);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        foreach (var (id, account) in harness.Server.Estate.Accounts)
        {
            var asked = harness.Server.Requests.Where(r => r.Account == id && r.Service == "iam" && r.Operation.EndsWith("CredentialReport", StringComparison.Ordinal)).ToList();
            // The server's report is ready at the third ask: STARTED, then ReportInProgress, then the report.
            Assert.Equal(["GenerateCredentialReport 200", "GetCredentialReport 404 ReportInProgress", "GetCredentialReport 200"],
                asked.OrderBy(r => r.At).Select(r => $"{r.Operation} {r.Status}{(r.ErrorCode is { } code ? " " + code : "")}"));
            var written = await File.ReadAllTextAsync(SnapshotLayout.CredentialReport(SnapshotLayout.Account(harness.SnapshotDirectory, id)), Encoding.UTF8, TestContext.Current.CancellationToken);
            Assert.Equal(account.CredentialReport, written);
        }
    }

    [Fact]
    public async Task AReportIamStillHoldsIsReadWithoutPolling()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        await harness.CollectAsync(CollectionHarness.FastSettings());
        harness.Server.ClearRequests();

        // IAM keeps a report four hours: asked again, GenerateCredentialReport says COMPLETE at once.
        var summary = await harness.CollectAsync(CollectionHarness.FastSettings(), directory: Path.Combine(harness.Output.Path, "again"));

        Assert.Empty(summary.Gaps);
        var operations = harness.Server.RequestsPerOperation();
        Assert.Equal(2, operations["iam:GenerateCredentialReport"]);
        Assert.Equal(2, operations["iam:GetCredentialReport"]);
        Assert.All(harness.Server.Estate.Accounts, a => Assert.Equal(a.Value.CredentialReport,
            File.ReadAllText(SnapshotLayout.CredentialReport(SnapshotLayout.Account(Path.Combine(harness.Output.Path, "again"), a.Key)), Encoding.UTF8)));
    }

    [Fact]
    public async Task AReportThatExpiredIsGeneratedAgain()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 2);
        var expiring = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).First();
        harness.Server.Iam.ExpiringReports[expiring] = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        var asked = harness.Server.Requests.Where(r => r.Account == expiring && r.Service == "iam" && r.Operation.EndsWith("CredentialReport", StringComparison.Ordinal));
        Assert.Equal(["GenerateCredentialReport 200", "GetCredentialReport 410 ReportExpired", "GenerateCredentialReport 200", "GetCredentialReport 404 ReportInProgress", "GetCredentialReport 200"],
            asked.OrderBy(r => r.At).Select(r => $"{r.Operation} {r.Status}{(r.ErrorCode is { } code ? " " + code : "")}"));
        Assert.Equal(harness.Server.Estate.Accounts[expiring].CredentialReport,
            await File.ReadAllTextAsync(SnapshotLayout.CredentialReport(SnapshotLayout.Account(harness.SnapshotDirectory, expiring)), Encoding.UTF8, TestContext.Current.CancellationToken));
    }
}
