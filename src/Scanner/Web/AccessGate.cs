using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The one door of <c>guardrails serve</c>, in front of every endpoint and the dashboard: it finds
/// who a request comes from (<see cref="ServeIdentity"/>) or answers 401. Credentials, when sent,
/// decide, from any address: a wrong one is refused even from the machine itself, and a scoped user's
/// token stays scoped on loopback. Without credentials only the machine itself gets in (unless
/// dashboard.trustLoopback is off). With no credentials configured no remote request can get in at all.
/// </summary>
internal sealed class AccessGate(RequestDelegate next, DashboardSettings settings, ServeCredentials credentials)
{
    private static readonly ServeIdentity Local = new("local", ServeCredential.Loopback, null);

    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var identity = header.Length == 0
            ? LocalIdentity(context)
            : credentials.Authenticate(header) ?? await JwtIdentityAsync(context, header);
        if (identity is null)
        {
            await RefuseAsync(context);
            return;
        }
        context.Features.Set(identity);
        // Antiforgery tokens are bound to this name, so that one user's token is no use to another.
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, identity.Name)], identity.Credential.ToString()));
        await next(context);
    }

    private ServeIdentity? LocalIdentity(HttpContext context)
    {
        // No address (a Unix socket proxy) is not known to be local: treated as remote.
        var remote = context.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote) && settings.TrustLoopback ? Local : null;
    }

    private async Task<ServeIdentity?> JwtIdentityAsync(HttpContext context, string header)
    {
        if (settings.Oidc is not { } oidc || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        // Signature, issuer, audience and lifetime are checked by JwtBearer against the issuer's published keys.
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return null;
        }
        var principal = result.Principal;
        var name = principal.FindFirst("sub")?.Value ?? principal.FindFirst("preferred_username")?.Value ?? "jwt";
        return ServeIdentity.For($"oidc:{name}", ServeCredential.Jwt, principal.FindAll(oidc.CustomersClaim).Select(c => c.Value));
    }

    private async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (credentials.HasTokens || settings.Oidc is not null)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Bearer realm=\"guardrails\"");
        }
        if (credentials.HasPasswords)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"guardrails\", charset=\"UTF-8\"");
        }
        await context.Response.WriteAsync(settings.HasAuthentication
            ? "authentication required\n"
            : "guardrails serve answers remote requests only with authentication, and none is configured (dashboard: in guardrails.yaml)\n");
    }
}
