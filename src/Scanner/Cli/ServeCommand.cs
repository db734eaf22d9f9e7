using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Web;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails serve</c>: the scheduled audits, a Hangfire server and the dashboard.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var shared = new EngineCommandOptions(runsParts: true);
        var urls = new Option<string>("--urls") { Description = "Where to listen; anything but loopback needs dashboard credentials in guardrails.yaml for remote users to get in, and dashboard.allowedHosts for the names they use", DefaultValueFactory = _ => ServeApp.DefaultUrls };
        var hashPassword = new Option<bool>("--hash-password") { Description = "Read a password from standard input and print the passwordPbkdf2 value of a dashboard user for it, then exit" };
        var command = new Command("serve", "Run the nightly audits: recurring jobs audit-<customer> (schedules: in guardrails.yaml), a Hangfire server, the dashboard at /hangfire and the reports at /reports.")
        {
            urls, hashPassword,
        };
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(hashPassword))
            {
                // From standard input, not an argument: arguments are visible to every user in ps and kept in shell history.
                var password = Console.In.ReadLine();
                if (string.IsNullOrEmpty(password))
                {
                    Console.Error.WriteLine("error: no password on standard input");
                    return ExitCodes.UsageError;
                }
                Console.WriteLine(Pbkdf2Hash.Create(password));
                return ExitCodes.Ok;
            }
            if (shared.Read(parse) is not { } options || WorkerCommand.Load(options) is not { } runtime)
            {
                return ExitCodes.UsageError;
            }
            var listen = parse.GetValue(urls)!;
            if (ServeHosts.ListensEverywhere(listen) && runtime.Config.Dashboard.AllowedHosts.Count == 0)
            {
                Console.Error.WriteLine("warning: serve listens on every address, but answers only requests for localhost unless dashboard.allowedHosts names the host names clients use");
            }
            WebApplication app;
            try
            {
                app = ServeApp.Build(runtime, listen);
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
