using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// JWT bearer tokens of dashboard.oidc's issuer, checked by ASP.NET Core's JwtBearer: signature by a
/// key of the issuer's published set (fetched from its metadata, refreshed when a token names a new
/// key), issuer, audience and lifetime. <see cref="AccessGate"/> asks it only for a bearer token that
/// is none of the configured static ones.
/// </summary>
internal static class OidcBearer
{
    /// <summary>Clocks of issuer and server differ; five minutes (the library's default) is more than NTP-synced machines need.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    public static void Add(IServiceCollection services, OidcSettings? oidc)
    {
        var authentication = services.AddAuthentication();
        if (oidc is null)
        {
            return;
        }
        var metadata = oidc.MetadataAddress ?? oidc.Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.MetadataAddress = metadata;
            // Keys fetched over plain HTTP could be anyone's; a loopback issuer (a test, a sidecar) is the machine itself.
            options.RequireHttpsMetadata = !IsLoopback(new Uri(metadata));
            options.Audience = oidc.Audience;
            // Keep the token's own claim names (sub, the customers claim), not WS-Federation URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters.ValidIssuer = oidc.Issuer;
            options.TokenValidationParameters.ValidateIssuer = true;
            options.TokenValidationParameters.ValidateAudience = true;
            options.TokenValidationParameters.ValidateLifetime = true;
            options.TokenValidationParameters.RequireExpirationTime = true;
            options.TokenValidationParameters.RequireSignedTokens = true;
            options.TokenValidationParameters.ClockSkew = ClockSkew;
        });
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
