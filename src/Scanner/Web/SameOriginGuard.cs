using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// Refuses cross-site state changes (CSRF): a page elsewhere must not start an audit or delete a
/// schedule through the browser of someone who can reach serve. Every POST, PUT, PATCH or DELETE
/// (the dashboard's included) must not say it comes from another site (Sec-Fetch-Site, Origin), and,
/// when its credentials are ones a browser sends on its own (<see cref="ServeIdentity.IsAmbient"/>),
/// must carry the antiforgery token of one of our pages.
/// See https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
/// </summary>
internal sealed class SameOriginGuard(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            await next(context);
            return;
        }
        if (CrossSite(request) is { } reason)
        {
            await RefuseAsync(context, reason);
            return;
        }
        var identity = context.Features.GetRequiredFeature<ServeIdentity>();
        if (identity.IsAmbient && !await antiforgery.IsRequestValidAsync(context))
        {
            await RefuseAsync(context, "the antiforgery token is missing or wrong: post from a page of this server");
            return;
        }
        await next(context);
    }

    private static string? CrossSite(HttpRequest request)
    {
        // Sent by every current browser, and not settable by a page's script.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return $"a {site} request may not change anything here";
        }
        var origin = request.Headers.Origin.ToString();
        var own = $"{request.Scheme}://{request.Host.Value}";
        if (origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return $"a request from {(origin == "null" ? "an opaque origin" : "another origin")} may not change anything here";
        }
        return null;
    }

    private static async Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsync($"refused: {reason}\n");
    }
}
