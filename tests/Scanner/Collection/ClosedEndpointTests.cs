using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>An endpoint nobody answers is a clear error and a clean exit: no stack trace, no half-written snapshot.</summary>
public sealed class ClosedEndpointTests
{
    [Fact]
    public async Task CollectingFromAClosedEndpointExitsTwoSayingSoAndLeavesNoSnapshot()
    {
        using var directory = new TemporaryDirectory();
        var config = Path.Combine(directory.Path, "guardrails.yaml");
        await File.WriteAllTextAsync(config, "estate: { customers: [ { id: acme, accounts: [\"111111111111\"] } ], regions: [eu-west-1] }",
            TestContext.Current.CancellationToken);
        var closed = $"http://127.0.0.1:{ClosedPort()}";
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? closed : null);
        var snapshot = Path.Combine(directory.Path, "snapshot");
        using var log = new StringWriter();

        var exit = await CollectCommand.RunAsync(config, snapshot, log, endpoints,
            new AwsCallerOptions { Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith("error: could not reach AWS", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", log.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(snapshot, "collection.json")));
    }

    /// <summary>A loopback port that was free a moment ago and has no listener now.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
