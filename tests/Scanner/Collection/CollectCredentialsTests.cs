using Amazon.Runtime;
using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Scanner.Collection;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>Wrong keys are an error, never an empty estate; and no key ever reaches a file or a log.</summary>
public sealed class CollectCredentialsTests
{
    private const string WrongSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET";

    [Fact]
    public async Task AWrongSecretKeyIsAClearAuthenticationErrorNotAnEmptyEstate()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);

        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.CollectAsync(CollectionHarness.FastSettings(), WrongSecret));

        Assert.Contains("SignatureDoesNotMatch", error.Message, StringComparison.Ordinal);
        Assert.Contains("secret key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongSecret, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(harness.SnapshotDirectory, "collection.json")));
        Assert.All(harness.Server.Requests, r => Assert.Equal("GetCallerIdentity", r.Operation));
    }

    [Fact]
    public async Task TheCollectCommandExitsWithTwoAndSaysWhyWhenTheSecretKeyIsWrong()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 2);
        var config = Path.Combine(harness.Output.Path, "guardrails.yaml");
        await File.WriteAllTextAsync(config, $"""
            estate:
              customers:
                - id: acme
                  accounts: ["{string.Join("\", \"", harness.Server.Estate.Accounts.Keys)}"]
              regions: [eu-west-1]
            aws:
              externalId: "{CollectionHarness.ExternalId}"
            """, TestContext.Current.CancellationToken);
        using var log = new StringWriter();

        var exit = await CollectCommand.RunAsync(config, harness.SnapshotDirectory, log, harness.Endpoints,
            new AwsCallerOptions { Credentials = new BasicAWSCredentials(harness.Server.AccessKey, WrongSecret) }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.StartsWith("error: AWS refused the caller's credentials (SignatureDoesNotMatch", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongSecret, log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCollectCommandRefusesADirectoryThatAlreadyHoldsFiles()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 1);
        Directory.CreateDirectory(harness.SnapshotDirectory);
        await File.WriteAllTextAsync(Path.Combine(harness.SnapshotDirectory, "collection.json"), "{}", TestContext.Current.CancellationToken);
        var config = Path.Combine(harness.Output.Path, "guardrails.yaml");
        await File.WriteAllTextAsync(config, "estate: { customers: [ { id: acme, accounts: [\"111111111111\"] } ] }", TestContext.Current.CancellationToken);
        using var log = new StringWriter();

        var exit = await CollectCommand.RunAsync(config, harness.SnapshotDirectory, log, harness.Endpoints,
            new AwsCallerOptions { Credentials = new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey) }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("is not empty", log.ToString(), StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task NoSecretKeyOrSessionTokenAppearsInAnyWrittenFileOrTheLog()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4);
        var accounts = harness.Server.Estate.Accounts.Keys.Order(StringComparer.Ordinal).ToList();
        // Failures are where secrets leak: error messages, gaps, retries.
        harness.Server.Faults.DeniedAssumeRole[accounts[0]] = true;
        harness.Server.Faults.DeniedServices[(accounts[1], "config")] = true;
        harness.Server.Faults.ThrottleFraction = 0.3;
        var config = Path.Combine(harness.Output.Path, "guardrails.yaml");
        await File.WriteAllTextAsync(config, $"""
            estate:
              customers:
                - id: acme
                  accounts: ["{string.Join("\", \"", accounts)}"]
              regions: [eu-west-1, eu-central-1]
            aws:
              externalId: "{CollectionHarness.ExternalId}"
              rateLimit: {"{"} requestsPerSecond: 500 {"}"}
              retry: {"{"} maxAttempts: 20, baseDelaySeconds: 0.002, maxDelaySeconds: 0.02 {"}"}
            """, TestContext.Current.CancellationToken);
        using var log = new StringWriter();

        var exit = await CollectCommand.RunAsync(config, harness.SnapshotDirectory, log, harness.Endpoints,
            new AwsCallerOptions { Credentials = new BasicAWSCredentials(harness.Server.AccessKey, harness.Server.SecretKey) }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, exit);
        var secrets = harness.Server.Secrets;
        Assert.True(secrets.Count >= 4, "the server issued sessions whose secrets are searched for");
        var files = Directory.EnumerateFiles(harness.SnapshotDirectory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("collection.json", StringComparison.Ordinal));
        var texts = files.Select(f => (Name: f, Text: File.ReadAllText(f))).Append(("log", log.ToString()));
        foreach (var (name, text) in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{name} holds a secret key or session token");
            }
        }
        Assert.Contains("AccessDenied", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("done (4/4)", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("collected 4 accounts x 2 regions", log.ToString(), StringComparison.Ordinal);
    }
}
