using Ocado.Guardrails.Tests.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Notifications;

/// <summary>`guardrails scan` with a store, twice, its mail channel's server down: the second report says the first digest was not delivered.</summary>
public sealed class NotificationsInTheNextReportTests
{
    private const string Password = "Pa55-w0rd!for-the-relay";

    public static readonly TheoryData<string> Kinds = [StoreKind.Sqlite, StoreKind.Postgres];

    [Theory, MemberData(nameof(Kinds))]
    public async Task AFailedMailOfOneScanIsListedInTheNextScansReportWithoutItsPassword(string kind)
    {
        await using var store = await StoreKind.OpenAsync(kind);
        using var estate = new TinyEstate
        {
            Extra = $$"""
                notifications:
                  channels:
                    - name: ops-mail
                      minSeverity: info
                      email: { host: 127.0.0.1, port: {{SmtpReceiver.FreePort()}}, tls: none, from: guardrails@ocado.example, to: [ops@ocado.example], username: guardrails, passwordVariable: RELAY_PASSWORD }
                """,
        }.Untagged("untagged").Write();
        var environment = new Dictionary<string, string?> { ["RELAY_PASSWORD"] = Password };
        string[] Scan(string output) => ["scan", "--snapshot", estate.Directory, "--config", estate.ConfigPath, "--store", store.Location, "--out", output, "--quiet"];

        var first = GuardrailsProcess.Run(estate.Directory, environment, Scan("first"));
        var second = GuardrailsProcess.Run(estate.Directory, environment, Scan("second"));

        // A failed notification never fails the audit: the exit code is the findings' (no --fail-on: 0).
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Error + second.Error);
        Assert.Contains("notification to channel ops-mail failed after 3 attempt(s): SocketException at 127.0.0.1", first.Error);
        var firstReport = await File.ReadAllTextAsync(Path.Combine(estate.Directory, "first", "report.html"), TestContext.Current.CancellationToken);
        var secondReport = await File.ReadAllTextAsync(Path.Combine(estate.Directory, "second", "report.html"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("id=\"deliveries\"", firstReport);
        Assert.Contains("Notifications not delivered: 1", secondReport);
        Assert.Contains("<code>ops-mail</code>", secondReport);
        Assert.Contains("SocketException at 127.0.0.1", secondReport);
        Assert.All(new[] { first.Output, first.Error, second.Output, second.Error, secondReport }, text => Assert.DoesNotContain(Password, text));
        // A customer's report is not told of the operator's channels.
        Assert.DoesNotContain("id=\"deliveries\"", await File.ReadAllTextAsync(Path.Combine(estate.Directory, "second", "customers", "acme", "report.html"), TestContext.Current.CancellationToken));
    }
}
