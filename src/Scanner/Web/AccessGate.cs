using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The one door of <c>guardrails serve</c>, in front of every endpoint and the dashboard: requests
/// from the machine itself come in (unless dashboard.trustLoopback is off); a remote request needs
/// the configured bearer token or basic credentials; anything else gets 401. With no credentials
/// configured no remote request can get in at all, whatever address the server listens on.
/// </summary>
internal sealed class AccessGate(RequestDelegate next, DashboardSettings settings, string? bearerToken, string? basicPassword)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // No address (a test server, a Unix socket proxy) is not known to be local: treated as remote.
        var remote = context.Connection.RemoteIpAddress;
        var local = remote is not null && IPAddress.IsLoopback(remote);
        if ((local && settings.TrustLoopback) || Authenticated(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (bearerToken is not null)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Bearer realm=\"guardrails\"");
        }
        if (basicPassword is not null)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"guardrails\", charset=\"UTF-8\"");
        }
        await context.Response.WriteAsync(bearerToken is null && basicPassword is null
            ? "guardrails serve answers remote requests only with authentication, and none is configured (dashboard: in guardrails.yaml)\n"
            : "authentication required\n");
    }

    private bool Authenticated(string header)
    {
        if (bearerToken is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return SameSecret(header[7..].Trim(), bearerToken);
        }
        if (basicPassword is not null && settings.BasicUser is not null && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                return SameSecret(pair, $"{settings.BasicUser}:{basicPassword}");
            }
            catch (FormatException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Constant time, so that the comparison does not tell how much of a guess was right.</summary>
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
