using Amazon.Runtime;
using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>`collect --since` is checked before anything is asked of AWS: it must be a directory, and never the one written.</summary>
public sealed class CollectSinceOptionTests
{
    [Theory]
    [InlineData("missing", "error: --since ")]
    [InlineData("snapshot", "error: --since and --out name the same directory")]
    public async Task ASinceThatIsNoDirectoryOrTheOutputItselfExitsTwoBeforeAnyRequest(string since, string message)
    {
        using var directory = new TemporaryDirectory();
        var config = Path.Combine(directory.Path, "guardrails.yaml");
        await File.WriteAllTextAsync(config, "estate: { customers: [ { id: acme, accounts: [\"111111111111\"] } ], regions: [eu-west-1] }",
            TestContext.Current.CancellationToken);
        var snapshot = Path.Combine(directory.Path, "snapshot");
        Directory.CreateDirectory(snapshot);
        var asked = 0;
        var endpoints = new AwsEndpoints(_ =>
        {
            Interlocked.Increment(ref asked);
            return "http://127.0.0.1:9/";
        });
        using var log = new StringWriter();

        var exit = await CollectCommand.RunAsync(config, snapshot, log, endpoints,
            new AwsCallerOptions { Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") }, TestContext.Current.CancellationToken,
            since: Path.Combine(directory.Path, since) + Path.DirectorySeparatorChar);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith(message, log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, asked);
    }
}
