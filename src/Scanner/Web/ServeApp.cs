using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Ocado.Guardrails.Scanner.Jobs;

namespace Ocado.Guardrails.Scanner.Web;

/// <summary>
/// The web host of <c>guardrails serve</c>: a Hangfire server, the dashboard at /hangfire, the
/// reports at /reports, and POST /audit/{customer}; every one of them behind <see cref="AccessGate"/>.
/// </summary>
internal static class ServeApp
{
    /// <summary>Loopback only: reaching it from elsewhere is a decision, made with --urls and credentials.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(EngineRuntime runtime, string urls, Action<WebApplicationBuilder>? configure = null)
    {
        var dashboard = runtime.Config.Dashboard;
        var token = Secret(dashboard.BearerTokenVariable);
        var password = Secret(dashboard.BasicPasswordVariable);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = runtime.Options.StateDirectory });
        builder.WebHost.UseUrls(urls);
        EngineServices.Add(builder.Services, runtime, server: true);
        builder.Services.AddDirectoryBrowser();
        // A line per dashboard poll would bury the audits' own log lines.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.Use(next => new AccessGate(next, dashboard, token, password).InvokeAsync);
        var reports = Path.Combine(runtime.Options.OutputDirectory, "scans");
        Directory.CreateDirectory(reports);
        var files = new PhysicalFileProvider(reports);
        app.UseFileServer(new FileServerOptions { FileProvider = files, RequestPath = "/reports", EnableDirectoryBrowsing = true });
        app.MapGet("/", () => Results.Content(
            "<!doctype html><title>Guardrails</title><h1>Guardrails</h1><ul><li><a href=\"hangfire\">Jobs (Hangfire dashboard)</a></li><li><a href=\"reports/\">Reports of each scan</a></li></ul>",
            "text/html"));
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

    private static string? Secret(string? variable)
    {
        if (variable is null)
        {
            return null;
        }
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException($"guardrails.yaml's dashboard names the environment variable {variable}, which is not set")
            : value;
    }
}
