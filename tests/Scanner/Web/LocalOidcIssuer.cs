using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ocado.Guardrails.Tests.Scanner.Web;

/// <summary>
/// An OpenID Connect issuer of our own on 127.0.0.1: its metadata and its key set (JWKS) on real
/// HTTP, as serve fetches them from a real issuer, and tokens signed with an RSA key made for the test.
/// </summary>
internal sealed class LocalOidcIssuer : IAsyncDisposable
{
    public const string KeyId = "test-key-1";
    public const string Audience = "guardrails-serve";

    private readonly WebApplication _app;

    private LocalOidcIssuer(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    public string Issuer { get; }

    /// <summary>The key the issuer publishes and signs with.</summary>
    public RSA Key { get; } = RSA.Create(2048);

    public static async Task<LocalOidcIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalOidcIssuer? issuer = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer!.Issuer, ["jwks_uri"] = issuer.Issuer + "/jwks", ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var key = issuer!.Key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } } });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        issuer = new LocalOidcIssuer(app, address.TrimEnd('/'));
        return issuer;
    }

    /// <summary>dashboard: of guardrails.yaml for this issuer.</summary>
    public string DashboardYaml => $"dashboard:\n  oidc:\n    issuer: {Issuer}\n    audience: {Audience}\n";

    /// <summary>A token as the issuer would give it, or changed as a test says (another key, issuer, audience, lifetime).</summary>
    public string Token(string[]? customers, RSA? signWith = null, string? issuer = null, string audience = Audience, DateTime? expires = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        var claims = new Dictionary<string, object> { ["sub"] = "alice@example.com" };
        if (customers is not null)
        {
            claims["guardrails_customers"] = customers;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signWith ?? Key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
        Key.Dispose();
    }
}
