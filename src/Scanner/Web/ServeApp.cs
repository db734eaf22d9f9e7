using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Ocado.Guardrails.Scanner.Jobs;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The web host of <c>guardrails serve</c>: a Hangfire server, the dashboard at /hangfire, the
/// reports at /reports, and POST /audit/{customer}. In front of all of them, in this order: host
/// filtering (<see cref="ServeHosts"/>), who the request is from (<see cref="AccessGate"/>), no
/// cross-site changes (<see cref="SameOriginGuard"/>), and what that user may see (<see cref="CustomerScopeGate"/>).
/// </summary>
internal static class ServeApp
{
    /// <summary>Loopback only: reaching it from elsewhere is a decision, made with --urls and credentials.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(EngineRuntime runtime, string urls, Action<WebApplicationBuilder>? configure = null)
    {
        var dashboard = runtime.Config.Dashboard;
        var credentials = new ServeCredentials(dashboard);
        CreateState(runtime.Options.StateDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = runtime.Options.StateDirectory });
        builder.WebHost.UseUrls(urls);
        EngineServices.Add(builder.Services, runtime, server: true);
        builder.Services.AddDirectoryBrowser();
        // WebApplication already puts host filtering first in the pipeline; these are the hosts it lets through.
        builder.Services.Configure<HostFilteringOptions>(o =>
        {
            o.AllowedHosts = [.. ServeHosts.Allowed(dashboard, urls)];
            o.AllowEmptyHosts = false;
        });
        // Tokens are checked by this process only, and a restart asks for a page reload: no key is written to disk.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        // Registering antiforgery also makes the Hangfire dashboard put a token in its pages and demand it on its POSTs.
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "guardrails-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        OidcBearer.Add(builder.Services, dashboard.Oidc);
        // A line per dashboard poll would bury the audits' own log lines.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.Use(next => new AccessGate(next, dashboard, credentials).InvokeAsync);
        app.Use(next => new SameOriginGuard(next, app.Services.GetRequiredService<IAntiforgery>()).InvokeAsync);
        app.Use(next => new CustomerScopeGate(next).InvokeAsync);
        var reports = Path.Combine(runtime.Options.OutputDirectory, "scans");
        Directory.CreateDirectory(reports);
        var files = new PhysicalFileProvider(reports);
        app.UseFileServer(new FileServerOptions { FileProvider = files, RequestPath = "/reports", EnableDirectoryBrowsing = true });
        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) => ReportIndex.RenderAsync(context, reports, runtime.Config.Estate, runtime.Store, antiforgery));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapPost("/audit/{customer}", (string customer, IBackgroundJobClient jobs) =>
            runtime.Config.Estate.Customers.Any(c => c.Id == customer)
                ? Results.Accepted(value: new { job = jobs.Enqueue<AuditJobs>(j => j.StartAsync(customer, null, CancellationToken.None)) })
                : Results.NotFound(new { error = $"no customer '{customer}'" }));
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AllowGatedRequests()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Guardrails audits",
        });
        app.Lifetime.ApplicationStarted.Register(() => RecurringAudits.Register(
            app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<JobStorage>(), runtime.Config));
        return app;
    }

    /// <summary>
    /// The state folder is the host's content root, which must exist; with PostgreSQL nothing else
    /// creates it (the SQLite files would), so a new --state crashed serve at start.
    /// </summary>
    private static void CreateState(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"--state {directory}: cannot create the folder ({ex.Message})", ex);
        }
    }
}
