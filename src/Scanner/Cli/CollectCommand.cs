using System.CommandLine;
using Amazon.Runtime;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Cli;

/// <summary><c>guardrails collect</c>: live AWS to a snapshot directory that <c>guardrails scan --snapshot</c> reads.</summary>
internal static class CollectCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "The estate: guardrails.yaml", DefaultValueFactory = _ => "guardrails.yaml" };
        var output = new Option<string>("--out") { Description = "The snapshot directory to write", Required = true };
        var since = new Option<string?>("--since")
        {
            Description = "A previous snapshot of this estate (the last night's): ask AWS Config only for what changed since it was collected, " +
                          "re-read IAM, reuse the rest; what cannot be trusted is collected in full, and collection.json says why",
        };
        var aws = new AwsCommandOptions();
        var command = new Command("collect", """
            Collect every account and region of the estate from live AWS into a snapshot directory, in AWS's own formats.
            Credentials as the AWS CLI finds them: --profile NAME, else the environment's keys, AWS_PROFILE, the default
            profile, SSO, instance and container roles; STS is called in --region (else AWS_REGION, AWS_DEFAULT_REGION,
            the profile's region, the estate's first region). The audit role (aws.roleName) is assumed in every account
            with its external id. Endpoints follow AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>. What cannot be
            collected is written as a coverage gap in collection.json.
            """ + "") { config, output, since };
        aws.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse.GetValue(config)!, parse.GetValue(output)!, Console.Error, AwsEndpoints.FromEnvironment(), aws.Read(parse), cancellationToken, parse.GetValue(since)));
        return command;
    }

    /// <summary>
    /// The whole verb, for <c>guardrails scan</c> too: the exit code, with every problem on <paramref name="log"/>.
    /// <paramref name="caller"/> names the profile and region, or gives the credentials outright.
    /// </summary>
    public static async Task<int> RunAsync(string configPath, string outputDirectory, TextWriter log, AwsEndpoints endpoints, AwsCallerOptions caller, CancellationToken cancellationToken,
        string? since = null)
    {
        GuardrailsConfig config;
        try
        {
            config = GuardrailsConfig.Load(configPath);
        }
        catch (ConfigException ex)
        {
            await log.WriteLineAsync(ex.Message);
            return ExitCodes.UsageError;
        }
        if (since is not null && !Directory.Exists(since))
        {
            await log.WriteLineAsync($"error: --since {since}: no such directory (the previous snapshot to collect the changes since)");
            return ExitCodes.UsageError;
        }
        if (since is not null && Path.GetFullPath(since).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar))
        {
            await log.WriteLineAsync("error: --since and --out name the same directory: the new snapshot is written beside the previous one, never over it");
            return ExitCodes.UsageError;
        }
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            // A snapshot is one point in time: files of an earlier run would pass for data of this one.
            await log.WriteLineAsync($"error: {outputDirectory} is not empty; collect into a new directory");
            return ExitCodes.UsageError;
        }
        AwsCaller resolved;
        try
        {
            resolved = AwsCallerResolver.Resolve(caller, Environment.GetEnvironmentVariable);
        }
        catch (AwsProfileException ex)
        {
            await log.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (AmazonClientException ex)
        {
            await log.WriteLineAsync($"error: no AWS credentials found (--profile, environment, AWS_PROFILE, SSO, instance or container role): {ex.Message.Split('\n')[0]}");
            return ExitCodes.UsageError;
        }
        var credentials = resolved.Credentials;
        using var http = AwsHttp.Create();
        var collector = new Collector(new CollectorOptions
        {
            Credentials = credentials,
            HomeRegion = resolved.HomeRegion,
            Http = http,
            Endpoints = endpoints,
            Log = log,
            Limits = config.Limits,
            Interactive = ReferenceEquals(log, Console.Error) && !Console.IsErrorRedirected,
        });
        try
        {
            Directory.CreateDirectory(outputDirectory);
            // The snapshot names the estate it was collected for (DESIGN.md, "The snapshot directory").
            File.Copy(configPath, Path.Combine(outputDirectory, SnapshotLayout.EstateFile), overwrite: true);
            await collector.RunAsync(config.Estate, config.Aws, outputDirectory, cancellationToken, config.Organization, since: since);
            return ExitCodes.Ok;
        }
        catch (AuthenticationFailedException ex)
        {
            await log.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (AwsServiceException ex)
        {
            await log.WriteLineAsync($"error: could not reach AWS STS to start the collection: {CredentialRedaction.Redact(ex.Message, credentials)}");
            return ExitCodes.UsageError;
        }
        catch (HttpRequestException ex)
        {
            // A closed or unreachable endpoint, once the retries are spent: no account can be read, so nothing is written.
            await log.WriteLineAsync($"error: could not reach AWS ({ex.HttpRequestError}): {CredentialRedaction.Redact(ex.Message, credentials)}; check the network, AWS_ENDPOINT_URL and the region");
            return ExitCodes.UsageError;
        }
        catch (IOException ex)
        {
            await log.WriteLineAsync($"error: could not write {outputDirectory}: {ex.Message}");
            return ExitCodes.UsageError;
        }
    }
}
