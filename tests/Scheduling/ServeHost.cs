using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Jobs;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Web;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scheduling;

/// <summary>
/// The real <c>serve</c> application on ASP.NET Core's test server. A test server has no network
/// peer, so each request says where it comes from in a header, which a startup filter (it runs
/// before the application's own middleware) turns into the connection's remote address. That is
/// how a request from a non-loopback address is made without a second network interface.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    public const string FromHeader = "X-Test-Remote-Address";

    private readonly TinyEstate _estate;
    private readonly WebApplication _app;

    private ServeHost(TinyEstate estate, WebApplication app)
    {
        _estate = estate;
        _app = app;
    }

    public static async Task<ServeHost> StartAsync(string dashboardYaml)
    {
        var estate = new TinyEstate { Extra = dashboardYaml }.Compliant("fine").Write();
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var options = new EngineOptions
        {
            ConfigPath = estate.ConfigPath, SnapshotDirectory = estate.Directory, OutputDirectory = Path.Combine(estate.Directory, "out"),
            StateDirectory = Path.Combine(estate.Directory, ".guardrails"), RulePaths = [],
        };
        var runtime = new EngineRuntime(options, config, Support.Catalog.Rules,
            new SqliteFindingsStore(Path.Combine(options.StateDirectory, "findings.db")), new SnapshotSource(estate.Directory, config.Estate));
        var app = ServeApp.Build(runtime, "http://127.0.0.1:0", builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.AddSingleton<IStartupFilter>(new RemoteAddressFromHeader());
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ServeHost(estate, app);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string from, string? authorization = null)
    {
        using var client = _app.GetTestClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(FromHeader, from);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _estate.Dispose();
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[FromHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return following(context);
            });
            next(app);
        };
    }
}
