using System.Net;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// DNS rebinding: a page on evil.example whose name is rebound to 127.0.0.1 reaches serve through the
/// victim's browser on the trusted loopback path, but its requests say Host: evil.example.
/// </summary>
[Collection(HangfireStatics.Name)]
public sealed class ServeHostHeaderTests
{
    private static async Task<HttpStatusCode> GetAsync(ServeHost host, string path, string hostHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = hostHeader;
        using var response = await host.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task ALoopbackRequestNamingAnUnknownHostIsRefusedOnEveryEndpoint()
    {
        await using var host = await ServeHost.StartAsync("");

        foreach (var path in new[] { "/", "/hangfire", "/healthz", "/reports/" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(host, path, "evil.example"));
            Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(host, path, $"evil.example:{host.Address.Port}"));
        }
        using var post = new HttpRequestMessage(HttpMethod.Post, "/audit/acme");
        post.Headers.Host = "evil.example";
        using var audit = await host.SendAsync(post);
        Assert.Equal(HttpStatusCode.BadRequest, audit.StatusCode);
    }

    [Fact]
    public async Task TheLoopbackNamesAndTheBoundAddressAreAnswered()
    {
        await using var host = await ServeHost.StartAsync("");
        var port = host.Address.Port;

        foreach (var name in new[] { $"localhost:{port}", $"127.0.0.1:{port}", $"[::1]:{port}", "LOCALHOST" })
        {
            Assert.Equal(HttpStatusCode.OK, await GetAsync(host, "/healthz", name));
        }
    }

    [Fact]
    public async Task AHostNameGivenInDashboardAllowedHostsIsAnsweredAndNoOtherIs()
    {
        await using var host = await ServeHost.StartAsync("dashboard:\n  allowedHosts: [guardrails.corp.example]\n");

        Assert.Equal(HttpStatusCode.OK, await GetAsync(host, "/healthz", "guardrails.corp.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(host, "/healthz", "guardrails.corp.example.evil.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync(host, "/healthz", "other.corp.example"));
    }

    [Fact]
    public void AllowedHostsRefusesAWildcardThatWouldAnswerAnyName()
    {
        using var estate = new Support.TinyEstate { Extra = "dashboard:\n  allowedHosts: [\"*\", \"http://x.example\"]\n" }.Write();

        var error = Assert.Throws<ConfigException>(() => GuardrailsConfig.Load(estate.ConfigPath));

        Assert.Contains("dashboard.allowedHosts: '*' is not a host name", error.Message);
        Assert.Contains("dashboard.allowedHosts: 'http://x.example' is not a host name", error.Message);
    }
}
