using Hangfire.Dashboard;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The dashboard's own filter lets only local requests in; <see cref="AccessGate"/> runs before it
/// for every endpoint and already admitted this request (locally, or with credentials), so the
/// dashboard must not turn an authenticated remote user away.
/// </summary>
internal sealed class AllowGatedRequests : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => true;
}
