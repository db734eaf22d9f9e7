using Hangfire.Dashboard;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The dashboard's own filter lets only local requests in; <see cref="AccessGate"/> and
/// <see cref="CustomerScopeGate"/> run before it for every endpoint and already admitted this request
/// as an operator's (locally, or with credentials given every customer), so the dashboard must not
/// turn an authenticated remote operator away.
/// </summary>
internal sealed class AllowGatedRequests : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => true;
}
