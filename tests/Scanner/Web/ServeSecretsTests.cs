using System.Net;
using Microsoft.Extensions.Logging;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>Tokens and passwords reach serve in requests and environment variables; none of them is ever logged.</summary>
[Collection(HangfireStatics.Name)]
public sealed class ServeSecretsTests
{
    [Fact]
    public async Task NoSecretRightOrWrongIsLoggedAtAnyLevel()
    {
        const string Token = "tok-3f9a1c7e5b2d4f6a8c0e";
        const string Password = "pw-7d5b3f1a9c8e6d4b2a0f";
        const string WrongToken = "tok-wrong-11c2d3e4f5a6b7";
        const string WrongPassword = "pw-wrong-99a8b7c6d5e4f3";
        await using var issuer = await LocalOidcIssuer.StartAsync();
        var logs = new CapturedLogs();
        var token = DashboardUsers.Variable(Token);
        var password = DashboardUsers.Variable(Password);
        var forgedJwt = issuer.Token(["acme"], issuer: "https://login.evil.example");
        await using (var host = await ServeHost.StartAsync(
            $"{issuer.DashboardYaml}  users:\n    - name: acme\n      customers: [acme]\n      bearerTokenVariable: {token}\n      passwordVariable: {password}\n",
            configure: builder => builder.Logging.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace)))
        {
            foreach (var authorization in new[]
            {
                $"Bearer {Token}", $"Bearer {WrongToken}", DashboardUsers.Basic("acme", Password), DashboardUsers.Basic("acme", WrongPassword), $"Bearer {forgedJwt}",
            })
            {
                using var response = await host.SendAsync(HttpMethod.Get, "/reports/x/customers/acme/report.html", "203.0.113.1", authorization);
                Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            }
        }

        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { Token, Password, WrongToken, WrongPassword, forgedJwt.Split('.')[2] })
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
