using System.Diagnostics;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// Runs Debian's official AWS CLI (<c>/usr/bin/aws</c>, by full path: an older pip-installed one may
/// come first on PATH) against the test server, with no profile, pager or metadata lookups.
/// </summary>
internal static class AwsCli
{
    public const string Path = "/usr/bin/aws";

    /// <summary>
    /// Newer AWS service models than Debian's CLI 2.9.19 ships (DynamoDB's, with GetResourcePolicy), given to it through
    /// AWS_DATA_PATH: tests/data/aws-models, each copied from botocore (tests/data/aws-models/PROVENANCE.md).
    /// </summary>
    public static string Models => Fixtures.Data("aws-models");

    /// <summary>Skips the test when the CLI is missing outside CI (scripts/test.sh installs it); fails it in CI.</summary>
    public static void Require()
    {
        if (File.Exists(Path))
        {
            return;
        }
        var message = $"{Path} is absent: install Debian's awscli (apt-get install -y awscli; scripts/test.sh does)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }
        Assert.Skip(message);
    }

    public static async Task<(int Exit, string Output, string Error)> RunAsync(
        Uri endpoint, string accessKey, string secretKey, string? sessionToken, string region, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Concat(["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", region, "--output", "json", "--no-cli-pager"]))
        {
            start.ArgumentList.Add(argument);
        }
        var home = Directory.CreateTempSubdirectory("guardrails-awscli-").FullName;
        start.Environment.Clear();
        foreach (var (key, value) in new Dictionary<string, string?>
                 {
                     ["PATH"] = "/usr/bin:/bin", ["HOME"] = home, ["AWS_ACCESS_KEY_ID"] = accessKey, ["AWS_SECRET_ACCESS_KEY"] = secretKey,
                     ["AWS_SESSION_TOKEN"] = sessionToken, ["AWS_CONFIG_FILE"] = System.IO.Path.Combine(home, "config"),
                     ["AWS_SHARED_CREDENTIALS_FILE"] = System.IO.Path.Combine(home, "credentials"), ["AWS_EC2_METADATA_DISABLED"] = "true",
                     ["AWS_PAGER"] = "", ["AWS_MAX_ATTEMPTS"] = "2", ["AWS_DATA_PATH"] = Models,
                     // Timestamps are printed in the local zone (botocore's tzlocal): UTC, as collect writes them.
                     ["TZ"] = "UTC",
                 })
        {
            if (value is not null)
            {
                start.Environment[key] = value;
            }
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Directory.Delete(home, recursive: true);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The CLI's parsed output; fails the test with the CLI's own error when it did not succeed.</summary>
    public static async Task<JsonObject> JsonAsync(AwsTestServer server, string region, params string[] arguments) =>
        await JsonWithKeysAsync(server, server.AccessKey, server.SecretKey, null, region, arguments);

    /// <summary>The CLI's parsed output, called with the audit role's session in <paramref name="accountId"/>, as the collector calls.</summary>
    public static async Task<JsonObject> AsAuditRoleAsync(AwsTestServer server, string accountId, string region, params string[] arguments)
    {
        var assumed = await JsonAsync(server, region, "sts", "assume-role", "--role-arn", $"arn:aws:iam::{accountId}:role/GuardrailsAudit", "--role-session-name", "cli-test");
        var credentials = assumed["Credentials"]!;
        return await JsonWithKeysAsync(server, credentials["AccessKeyId"]!.GetValue<string>(), credentials["SecretAccessKey"]!.GetValue<string>(),
            credentials["SessionToken"]!.GetValue<string>(), region, arguments);
    }

    public static async Task<JsonObject> JsonWithKeysAsync(AwsTestServer server, string accessKey, string secretKey, string? token, string region, params string[] arguments)
    {
        var (exit, output, error) = await RunAsync(server.Endpoint, accessKey, secretKey, token, region, arguments);
        Assert.True(exit == 0, $"aws {string.Join(' ', arguments)} exited {exit}: {error}");
        return Assert.IsType<JsonObject>(JsonNode.Parse(output.Length == 0 ? "{}" : output));
    }
}
