using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// What a user scoped to some customers may reach: the index, the health check, those customers'
/// reports (REPORTS/&lt;scan&gt;/customers/&lt;id&gt;/…) and an audit of them. Nothing else — no
/// dashboard (it shows every customer's jobs), no estate report, no other customer's report — so
/// this is a list of what is allowed, not of what is not: an endpoint added later is closed to them.
/// </summary>
internal sealed class CustomerScopeGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var identity = context.Features.GetRequiredFeature<ServeIdentity>();
        var allowed = identity.IsOperator ? true : Allowed(context.Request, identity);
        if (allowed is true)
        {
            await next(context);
            return;
        }
        // Another customer's report answers as if it did not exist: its name is not for this user either.
        context.Response.StatusCode = allowed is null ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        await context.Response.WriteAsync(allowed is null
            ? "not found\n"
            : $"{identity.Name} may see only the reports of {string.Join(", ", identity.Customers!.Order(StringComparer.Ordinal))}\n");
    }

    /// <summary>True: allowed; false: refused (403); null: a report this user may not know of (404).</summary>
    private static bool? Allowed(HttpRequest request, ServeIdentity identity)
    {
        var path = request.Path;
        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (read && (path == "/" || path == "/healthz"))
        {
            return true;
        }
        if (path.StartsWithSegments("/reports", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            var segments = (rest.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            // Kestrel has already removed dot segments; refusing them again costs nothing if a proxy did not.
            var plain = segments.All(s => s is not ("." or "..") && !s.Contains('\\', StringComparison.Ordinal) && !s.Contains('%', StringComparison.Ordinal));
            return read && plain && segments.Length >= 3 && segments[1] == "customers" && identity.MaySee(segments[2]) ? true : null;
        }
        if (HttpMethods.IsPost(request.Method) && path.StartsWithSegments("/audit", StringComparison.OrdinalIgnoreCase, out var customer))
        {
            var id = (customer.Value ?? "").Trim('/');
            return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) && identity.MaySee(id);
        }
        return false;
    }
}
