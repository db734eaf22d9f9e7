using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Jobs;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Web;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Jobs;

/// <summary>
/// The real <c>serve</c> application on Kestrel, listening on 127.0.0.1 at a free port, spoken to
/// over real HTTP. Every connection comes from loopback, so a request that must come from elsewhere
/// says so in a header, which a startup filter (it runs before the application's own middleware,
/// after host filtering) turns into the connection's remote address: that is how a request from a
/// non-loopback address is made without a second network interface. Requests without the header
/// keep their real, loopback, address.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    public const string FromHeader = "X-Test-Remote-Address";

    private readonly TinyEstate _estate;
    private readonly WebApplication _app;

    private ServeHost(TinyEstate estate, WebApplication app, Uri address, EngineOptions options, IFindingsStore store)
    {
        _estate = estate;
        _app = app;
        Address = address;
        Options = options;
        Store = store;
        // No cookie jar and no redirects: each test says exactly what it sends and sees what comes back.
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public Uri Address { get; }

    public EngineOptions Options { get; }

    /// <summary>The findings store serve reads the scans' history from.</summary>
    public IFindingsStore Store { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Where the reports of each scan are served from: /reports/ maps here.</summary>
    public string ScansDirectory => Path.Combine(Options.OutputDirectory, "scans");

    /// <param name="dashboardYaml">Sections appended to guardrails.yaml: dashboard:, and others (storage:) too.</param>
    /// <param name="state">The state folder (default: ESTATE/.guardrails).</param>
    /// <param name="configure">More for the host's builder (a logger that keeps what is logged).</param>
    public static async Task<ServeHost> StartAsync(string dashboardYaml, string? state = null, Action<WebApplicationBuilder>? configure = null)
    {
        var estate = new TinyEstate { Extra = dashboardYaml }.Compliant("fine").Write();
        try
        {
            var config = GuardrailsConfig.Load(estate.ConfigPath);
            var options = new EngineOptions
            {
                ConfigPath = estate.ConfigPath, SnapshotDirectory = estate.Directory, OutputDirectory = Path.Combine(estate.Directory, "out"),
                StateDirectory = state ?? Path.Combine(estate.Directory, ".guardrails"), RulePaths = [],
            };
            var store = FindingsStores.Open(config.Storage, Path.Combine(estate.Directory, ".findings"));
            var runtime = new EngineRuntime(options, config, Support.Catalog.Rules, store, new SnapshotSource(estate.Directory, config.Estate));
            var app = ServeApp.Build(runtime, "http://127.0.0.1:0", builder =>
            {
                builder.Services.AddSingleton<IStartupFilter>(new RemoteAddressFromHeader());
                configure?.Invoke(builder);
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new ServeHost(estate, app, new Uri(address), options, store);
        }
        catch
        {
            estate.Dispose();
            throw;
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string from, string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(FromHeader, from);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Client.SendAsync(request, TestContext.Current.CancellationToken);

    /// <summary>Writes a report file where a finished scan would have: SCANS/&lt;scan&gt;/&lt;relative&gt;.</summary>
    public void WriteReport(string scan, string relative, string text)
    {
        var path = Path.Combine(ScansDirectory, scan, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Records a finished scan of <paramref name="scope"/> (a customer id, or "*" for the whole estate) in the store, as an audit would.</summary>
    public async Task<string> RecordScanAsync(string scanId, string scope, DateTimeOffset finishedAt)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await Store.EnsureSchemaAsync(cancellationToken);
        var scan = await Store.BeginScanAsync(new NewScan
        {
            PreferredId = scanId, Scope = scope, CatalogHash = "catalog", ConfigHash = "config", StartedAt = finishedAt.AddMinutes(-5),
            Parts = [], Accounts = [],
        }, cancellationToken);
        await Store.CompleteScanAsync(scan.ScanId, finishedAt, cancellationToken);
        return scan.ScanId;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
