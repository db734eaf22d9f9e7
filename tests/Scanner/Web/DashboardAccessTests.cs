using System.Net;
using System.Text;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>Who gets into serve: the machine itself, and remote users only with configured credentials.</summary>
[Collection(HangfireStatics.Name)]
public sealed class DashboardAccessTests
{
    private const string Remote = "203.0.113.7";
    private static readonly string[] Paths = ["/", "/hangfire", "/hangfire/recurring", "/healthz", "/reports/"];

    private static string Variable(string value)
    {
        var name = "GUARDRAILS_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }

    [Fact]
    public async Task AnAnonymousRequestFromANonLoopbackAddressGets401OnEveryEndpoint()
    {
        await using var host = await ServeHost.StartAsync("");

        foreach (var path in Paths)
        {
            using var response = await host.SendAsync(HttpMethod.Get, path, Remote);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
        }
        using var audit = await host.SendAsync(HttpMethod.Post, "/audit/acme", "10.1.2.3");
        Assert.Equal(HttpStatusCode.Unauthorized, audit.StatusCode);
    }

    [Fact]
    public async Task ARequestFromTheMachineItselfIsServedWithoutCredentials()
    {
        await using var host = await ServeHost.StartAsync("");

        foreach (var from in new[] { "127.0.0.1", "::1" })
        {
            using var dashboard = await host.SendAsync(HttpMethod.Get, "/hangfire", from);
            using var health = await host.SendAsync(HttpMethod.Get, "/healthz", from);
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task ARemoteRequestWithTheConfiguredBearerTokenGetsInAndAWrongOneGets401()
    {
        var variable = Variable("s3cret-token");
        await using var host = await ServeHost.StartAsync($"dashboard:\n  bearerTokenVariable: {variable}\n");

        using var right = await host.SendAsync(HttpMethod.Get, "/hangfire", Remote, "Bearer s3cret-token");
        using var wrong = await host.SendAsync(HttpMethod.Get, "/hangfire", Remote, "Bearer s3cret-tokem");
        using var none = await host.SendAsync(HttpMethod.Get, "/hangfire", Remote);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ARemoteRequestWithBasicCredentialsGetsIn()
    {
        var variable = Variable("correct horse");
        await using var host = await ServeHost.StartAsync($"dashboard:\n  basicUser: auditor\n  basicPasswordVariable: {variable}\n");
        string Basic(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

        using var right = await host.SendAsync(HttpMethod.Get, "/hangfire/recurring", Remote, Basic("auditor:correct horse"));
        using var wrong = await host.SendAsync(HttpMethod.Get, "/hangfire/recurring", Remote, Basic("auditor:battery staple"));

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task WithLoopbackNotTrustedEvenALocalRequestNeedsCredentials()
    {
        var variable = Variable("behind-a-proxy");
        await using var host = await ServeHost.StartAsync($"dashboard:\n  bearerTokenVariable: {variable}\n  trustLoopback: false\n");

        using var anonymous = await host.SendAsync(HttpMethod.Get, "/hangfire", "127.0.0.1");
        using var authenticated = await host.SendAsync(HttpMethod.Get, "/hangfire", "127.0.0.1", "Bearer behind-a-proxy");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
    }
}
