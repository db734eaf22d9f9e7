using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ocado.Guardrails.Tests.Scanner.Jobs;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// JWT bearer tokens of an OpenID Connect issuer (dashboard.oidc): the customers claim scopes the
/// holder; a token that is not the issuer's own, not for us, or no longer valid gets 401.
/// </summary>
[Collection(HangfireStatics.Name)]
public sealed class OidcTokenTests
{
    private const string Scan = "20261204T020000Z-estate";
    private const string Remote = "198.51.100.4";

    private static async Task<HttpStatusCode> GetAsync(ServeHost host, string path, string token)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, Remote, $"Bearer {token}");
        return response.StatusCode;
    }

    private static async Task<ServeHost> StartAsync(LocalOidcIssuer issuer)
    {
        var host = await ServeHost.StartAsync(issuer.DashboardYaml);
        host.WriteReport(Scan, "report.html", "estate report");
        host.WriteReport(Scan, "customers/acme/report.html", "acme report");
        host.WriteReport(Scan, "customers/globex/report.html", "globex report");
        return host;
    }

    [Fact]
    public async Task AValidTokenWithTheCustomersClaimSeesOnlyThoseCustomersReports()
    {
        await using var issuer = await LocalOidcIssuer.StartAsync();
        await using var host = await StartAsync(issuer);
        var token = issuer.Token(["acme"]);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(host, $"/reports/{Scan}/customers/acme/report.html", token));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(host, $"/reports/{Scan}/customers/globex/report.html", token));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(host, $"/reports/{Scan}/report.html", token));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(host, "/hangfire", token));
    }

    [Fact]
    public async Task ATokenGivenEveryCustomerIsAnOperatorAndOneGivenNoneSeesNoReport()
    {
        await using var issuer = await LocalOidcIssuer.StartAsync();
        await using var host = await StartAsync(issuer);

        Assert.Equal(HttpStatusCode.OK, await GetAsync(host, "/hangfire", issuer.Token(["*"])));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(host, $"/reports/{Scan}/report.html", issuer.Token(["*"])));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(host, "/healthz", issuer.Token(null)));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(host, $"/reports/{Scan}/customers/acme/report.html", issuer.Token(null)));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(host, "/hangfire", issuer.Token(null)));
    }

    [Fact]
    public async Task ATokenSignedByAnotherKeyExpiredFromAnotherIssuerForAnotherAudienceOrUnsignedGets401()
    {
        await using var issuer = await LocalOidcIssuer.StartAsync();
        await using var host = await StartAsync(issuer);
        using var forger = RSA.Create(2048);
        var acme = $"/reports/{Scan}/customers/acme/report.html";
        var valid = issuer.Token(["acme"]);
        var parts = valid.Split('.');
        // The same claims with "alg": "none" and no signature.
        var unsigned = Base64(/*lang=json*/ "{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        var widened = parts[0] + "." + Base64(Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("[\"acme\"]", "[\"*\"]", StringComparison.Ordinal)) + "." + parts[2];

        Assert.Equal(HttpStatusCode.OK, await GetAsync(host, acme, valid));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(host, acme, issuer.Token(["acme"], signWith: forger)));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(host, acme, issuer.Token(["acme"], expires: DateTime.UtcNow.AddMinutes(-5))));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(host, acme, issuer.Token(["acme"], issuer: "https://login.evil.example")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(host, acme, issuer.Token(["acme"], audience: "another-app")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(host, acme, unsigned));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(host, "/hangfire", widened));
    }

    private static string Base64(string json) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(json);
}
