using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Ocado.Guardrails.Scanner.Web;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails serve</c>: the scheduled audits, a Hangfire server and the dashboard.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var shared = new EngineCommandOptions();
        var urls = new Option<string>("--urls") { Description = "Where to listen; anything but loopback needs dashboard credentials in guardrails.yaml for remote users to get in", DefaultValueFactory = _ => ServeApp.DefaultUrls };
        var command = new Command("serve", "Run the nightly audits: recurring jobs audit-<customer> (schedules: in guardrails.yaml), a Hangfire server, the dashboard at /hangfire and the reports at /reports.")
        {
            urls,
        };
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (shared.Read(parse) is not { } options || WorkerCommand.Load(options) is not { } runtime)
            {
                return ExitCodes.UsageError;
            }
            WebApplication app;
            try
            {
                app = ServeApp.Build(runtime, parse.GetValue(urls)!);
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.UsageError;
            }
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
