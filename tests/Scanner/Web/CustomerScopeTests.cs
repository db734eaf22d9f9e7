using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// One credential used to read every customer's reports. Now each user is given customers: a user of
/// acme reads acme's reports, and no other customer's, no estate report and no dashboard.
/// </summary>
[Collection(HangfireStatics.Name)]
public sealed class CustomerScopeTests
{
    private const string Scan = "20261204T020000Z-estate";
    private const string AcmeToken = "acme-token-0123456789";
    private const string OperatorToken = "operator-token-9876543210";
    private const string GlobexPassword = "globex correct horse";
    private const string Remote = "203.0.113.9";

    private static async Task<ServeHost> StartAsync()
    {
        var acme = DashboardUsers.Variable(AcmeToken);
        var host = await ServeHost.StartAsync($"""
            dashboard:
              users:
                - name: acme-auditor
                  customers: [acme]
                  bearerTokenVariable: {acme}
                - name: globex-ops
                  customers: [globex]
                  passwordPbkdf2: "{Pbkdf2Hash.Create(GlobexPassword, Pbkdf2Hash.MinimumIterations)}"
                - name: operator
                  customers: ["*"]
                  bearerTokenSha256: {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OperatorToken)))}
            """);
        await host.RecordScanAsync(Scan, "*", new DateTimeOffset(2026, 12, 4, 2, 5, 0, TimeSpan.Zero));
        host.WriteReport(Scan, "report.html", "estate report");
        host.WriteReport(Scan, "findings.json", "{}");
        host.WriteReport(Scan, "customers/acme/report.html", "acme report");
        host.WriteReport(Scan, "customers/globex/report.html", "globex report");
        return host;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(ServeHost host, string path, string authorization, string from = "127.0.0.1")
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, from, authorization);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AUserOfAcmeReadsAcmesReportAndGetsNoOtherCustomersReportNoEstateReportAndNoDashboard()
    {
        await using var host = await StartAsync();
        var acme = $"Bearer {AcmeToken}";

        foreach (var from in new[] { "127.0.0.1", Remote })
        {
            Assert.Equal((HttpStatusCode.OK, "acme report"), await GetAsync(host, $"/reports/{Scan}/customers/acme/report.html", acme, from));
            foreach (var path in new[]
            {
                $"/reports/{Scan}/customers/globex/report.html", $"/reports/{Scan}/report.html", $"/reports/{Scan}/findings.json",
                "/reports/", $"/reports/{Scan}/", $"/reports/{Scan}/customers/", $"/REPORTS/{Scan}/report.html",
                $"/reports/{Scan}/Customers/globex/report.html", $"/reports/{Scan}/customers/acme/..%2F..%2Freport.html",
            })
            {
                Assert.True((await GetAsync(host, path, acme, from)).Status == HttpStatusCode.NotFound, path);
            }
            foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/HANGFIRE/jobs/enqueued", "/hangfire/stats" })
            {
                Assert.True((await GetAsync(host, path, acme, from)).Status == HttpStatusCode.Forbidden, path);
            }
        }
        var index = await GetAsync(host, "/", acme);
        Assert.Contains($"reports/{Scan}/customers/acme/report.html", index.Body);
        Assert.DoesNotContain("globex", index.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hangfire", index.Body);
        Assert.DoesNotContain($"reports/{Scan}/report.html", index.Body);
    }

    [Fact]
    public async Task AUserOfAcmeMayAuditAcmeButNotGlobex()
    {
        await using var host = await StartAsync();

        using var own = await host.SendAsync(HttpMethod.Post, "/audit/acme", Remote, $"Bearer {AcmeToken}");
        using var other = await host.SendAsync(HttpMethod.Post, "/audit/globex", Remote, $"Bearer {AcmeToken}");

        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task ABasicUserWhosePasswordIsStoredAsAPbkdf2HashGetsInScopedAndAWrongPasswordGets401()
    {
        await using var host = await StartAsync();

        Assert.Equal((HttpStatusCode.OK, "globex report"), await GetAsync(host, $"/reports/{Scan}/customers/globex/report.html", DashboardUsers.Basic("globex-ops", GlobexPassword), Remote));
        // Again: the second time is answered from the verified password's SHA-256, and must still be right.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, $"/reports/{Scan}/customers/globex/report.html", DashboardUsers.Basic("globex-ops", GlobexPassword), Remote)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, $"/reports/{Scan}/customers/acme/report.html", DashboardUsers.Basic("globex-ops", GlobexPassword), Remote)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(host, $"/reports/{Scan}/customers/globex/report.html", DashboardUsers.Basic("globex-ops", "globex wrong horse"), Remote)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(host, $"/reports/{Scan}/customers/globex/report.html", DashboardUsers.Basic("acme-auditor", AcmeToken), Remote)).Status);
    }

    [Fact]
    public async Task AWrongTokenIsRefusedEvenFromTheMachineItselfAndAnOperatorTokenStoredAsAHashSeesEverything()
    {
        await using var host = await StartAsync();
        var op = $"Bearer {OperatorToken}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(host, "/healthz", "Bearer not-a-token")).Status);
        Assert.Equal((HttpStatusCode.OK, "estate report"), await GetAsync(host, $"/reports/{Scan}/report.html", op, Remote));
        Assert.Equal((HttpStatusCode.OK, "globex report"), await GetAsync(host, $"/reports/{Scan}/customers/globex/report.html", op, Remote));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/hangfire/recurring", op, Remote)).Status);
    }

    [Fact]
    public void UsersAreCheckedAtStartEveryMistakeListed()
    {
        using var estate = new Support.TinyEstate
        {
            Extra = """
                dashboard:
                  basicUser: c
                  basicPasswordVariable: C_PASSWORD
                  users:
                    - name: a
                      customers: [initech]
                      bearerTokenVariable: A_TOKEN
                      bearerTokenSha256: abc
                    - name: a
                      customers: [acme]
                      password: hunter2
                    - name: c
                      customers: [acme]
                      passwordPbkdf2: "pbkdf2-sha256$1000$c2FsdA==$aGFzaA=="
                """,
        }.Write();

        var errors = Assert.Throws<ConfigException>(() => GuardrailsConfig.Load(estate.ConfigPath)).Errors;

        Assert.Contains("dashboard.users[0].customers: no customer 'initech' in estate.customers", errors);
        Assert.Contains("dashboard.users[0]: bearerTokenVariable or bearerTokenSha256, not both", errors);
        Assert.Contains(errors, e => e.StartsWith("dashboard.users[0].bearerTokenSha256: not 64 lower-case hex digits", StringComparison.Ordinal));
        Assert.Contains("dashboard.users[1].name: 'a' is listed twice", errors);
        Assert.Contains(errors, e => e.StartsWith("dashboard.users[1].password: unknown setting", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("dashboard.users[2].passwordPbkdf2: not pbkdf2-sha256$", StringComparison.Ordinal));
        Assert.Contains("dashboard.basicUser: 'c' is also the name of one of dashboard.users", errors);
        Assert.DoesNotContain(errors, e => e.Contains("hunter2", StringComparison.Ordinal));
    }
}
