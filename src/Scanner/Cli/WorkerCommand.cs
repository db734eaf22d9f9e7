using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Jobs;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails worker</c>: a Hangfire server and nothing else, to add machines to the audits (PostgreSQL storage).</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var shared = new EngineCommandOptions(runsParts: true);
        var command = new Command("worker", "Run audit jobs: a Hangfire server against the storage of guardrails.yaml. Start as many as the estate needs, on as many machines, against one PostgreSQL.");
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (shared.Read(parse) is not { } options || Load(options) is not { } runtime)
            {
                return ExitCodes.UsageError;
            }
            if (runtime.Config.Storage.Postgres is null)
            {
                Console.Error.WriteLine("warning: no storage.postgres in guardrails.yaml: this worker shares SQLite files with processes of this machine only");
            }
            var builder = Host.CreateApplicationBuilder();
            EngineServices.Add(builder.Services, runtime, server: true);
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Loads the estate and the catalog, saying what is wrong instead of throwing.</summary>
    public static EngineRuntime? Load(EngineOptions options)
    {
        try
        {
            return EngineServices.Load(options);
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
        }
        catch (RuleLoadException ex)
        {
            Console.Error.WriteLine(ex.Message);
        }
        catch (ArgumentException ex)
        {
            foreach (var line in ex.Message.Split(Environment.NewLine))
            {
                Console.Error.WriteLine($"error: {line}");
            }
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
        }
        catch (Aws.AwsProfileException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
        }
        catch (Amazon.Runtime.AmazonClientException ex)
        {
            Console.Error.WriteLine($"error: no AWS credentials found for live collection (environment, AWS_PROFILE, SSO, instance or container role; or give --snapshot DIR): {ex.Message.Split('\n')[0]}");
        }
        return null;
    }
}
