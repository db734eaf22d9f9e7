using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Sources;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>What serve and worker both register: the runtime, the jobs, Hangfire's storage and, unless told not to, a Hangfire server.</summary>
internal static class EngineServices
{
    /// <summary>
    /// Loads guardrails.yaml, compiles the catalog (and selects the rules that run: <see cref="ArgumentException"/> for a
    /// flag that names nothing) and, without a snapshot, resolves the AWS credentials
    /// (--profile, else as the AWS CLI finds them) before anything starts: a worker that cannot judge must not take jobs.
    /// </summary>
    public static EngineRuntime Load(EngineOptions options)
    {
        var caller = options.SnapshotDirectory is null ? AwsCallerResolver.Resolve(options.Aws, Environment.GetEnvironmentVariable) : null;
        var config = GuardrailsConfig.Load(options.ConfigPath);
        var rulePaths = options.RulePaths.Count > 0 ? options.RulePaths : [RuleCatalogFiles.DefaultCatalog(options.ConfigPath)];
        var catalog = config.SelectRules(RuleCatalogFiles.Load(rulePaths), options.RuleFilter);
        var store = FindingsStores.Open(config.Storage, options.StateDirectory);
        IAccountSource source = caller is null
            ? new SnapshotSource(options.SnapshotDirectory!, config.Estate, config.Limits)
            : new LiveSource(config, caller.Credentials, AwsEndpoints.FromEnvironment(), LiveHttp.Value,
                Path.Combine(options.StateDirectory, "collecting"), Console.Error, caller.HomeRegion);
        return new EngineRuntime(options, config, catalog, store, source);
    }

    /// <summary>One HTTP client for every live part of the process, for as long as it runs.</summary>
    private static readonly Lazy<HttpClient> LiveHttp = new(() => AwsHttp.Create());

    public static void Add(IServiceCollection services, EngineRuntime runtime, bool server)
    {
        services.AddSingleton(runtime);
        services.AddSingleton(TimeProvider.System);
        services.AddTransient(sp => new AuditJobs(
            runtime, sp.GetRequiredService<IBackgroundJobClient>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditJobs>>()));
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            HangfireStorage.Use(hangfire, runtime.Config, runtime.Options.StateDirectory);
        });
        if (server)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = runtime.Config.Engine.Workers;
                options.SchedulePollingInterval = runtime.Config.Engine.SchedulePollInterval;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }
    }
}
