using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Tests.Scanner.Collection;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Aws;

/// <summary>
/// --profile and --region as the AWS CLI has them: the real program collects from the test server with shared config
/// and credentials files of the test's own (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE); the server sees which key
/// signed each request and in which region.
/// </summary>
public sealed class AwsCallerResolverTests
{
    /// <summary>AWS's documentation's second example key: another user of the caller's account.</summary>
    private const string ProfileAccessKey = "AKIAI44QH8DHBEXAMPLE";
    private const string ProfileSecretKey = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

    [Fact]
    public async Task TheNamedProfilesKeysSignAsTheCallerWhateverKeysTheEnvironmentHoldsAndRegionBeatsEveryOtherRegion()
    {
        await using var harness = await StartAsync();
        var environment = Environment(harness, withKeys: true, awsRegion: "eu-north-1");

        var run = GuardrailsProcess.Run(harness.Output.Path, environment,
            "collect", "--config", harness.WriteConfig(), "--out", harness.SnapshotDirectory, "--profile", "auditor", "--region", "us-east-2");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var sts = harness.Server.Requests.Where(r => r.Service == "sts").ToList();
        Assert.Contains(sts, r => r is { Operation: "GetCallerIdentity", Status: 200 });
        Assert.Contains(sts, r => r is { Operation: "AssumeRole", Status: 200 });
        Assert.All(sts, r => Assert.Equal((ProfileAccessKey, "us-east-2"), (r.AccessKeyId, r.Region)));
        Assert.DoesNotContain(harness.Server.Requests, r => r.AccessKeyId == harness.Server.AccessKey);
        // The accounts themselves are read in the estate's regions, whatever the home region.
        Assert.All(harness.Server.Requests.Where(r => r.Service == "config"), r => Assert.Contains(r.Region, harness.Estate.Regions));
    }

    [Theory]
    [InlineData(null, "ap-southeast-2")]
    [InlineData("eu-north-1", "eu-north-1")]
    public async Task AwsProfileChoosesTheProfileWhoseRegionIsTheHomeRegionUnlessAwsRegionSaysOtherwise(string? awsRegion, string homeRegion)
    {
        await using var harness = await StartAsync();
        var environment = Environment(harness, withKeys: false, awsRegion: awsRegion);
        environment["AWS_PROFILE"] = "auditor";

        var run = GuardrailsProcess.Run(harness.Output.Path, environment, "collect", "--config", harness.WriteConfig(), "--out", harness.SnapshotDirectory);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var sts = harness.Server.Requests.Where(r => r.Service == "sts").ToList();
        Assert.NotEmpty(sts);
        Assert.All(sts, r => Assert.Equal((ProfileAccessKey, homeRegion), (r.AccessKeyId, r.Region)));
    }

    [Fact]
    public async Task WithNoProfileAndNoRegionTheEnvironmentsKeysCallStsInTheEstatesFirstRegion()
    {
        await using var harness = await StartAsync();

        var run = GuardrailsProcess.Run(harness.Output.Path, Environment(harness, withKeys: true, awsRegion: null),
            "collect", "--config", harness.WriteConfig(), "--out", harness.SnapshotDirectory);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var sts = harness.Server.Requests.Where(r => r.Service == "sts").ToList();
        Assert.NotEmpty(sts);
        Assert.All(sts, r => Assert.Equal((harness.Server.AccessKey, harness.Estate.Regions[0]), (r.AccessKeyId, r.Region)));
    }

    [Fact]
    public async Task ALiveScanCollectsWithTheProfileAndRegionItIsGiven()
    {
        await using var harness = await StartAsync();
        var live = Path.Combine(harness.Output.Path, "live");

        var run = GuardrailsProcess.Run(harness.Output.Path, Environment(harness, withKeys: true, awsRegion: null),
            "scan", "--config", harness.WriteConfig(), "--out", live, "--no-store", "--quiet", "--profile", "auditor", "--region", "us-east-2");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.True(File.Exists(Path.Combine(live, "findings.json")));
        var sts = harness.Server.Requests.Where(r => r.Service == "sts").ToList();
        Assert.NotEmpty(sts);
        Assert.All(sts, r => Assert.Equal((ProfileAccessKey, "us-east-2"), (r.AccessKeyId, r.Region)));
    }

    [Theory]
    [InlineData("--profile", "no AWS profile 'ghost' in")]
    [InlineData("AWS_PROFILE", "no AWS profile 'ghost' (AWS_PROFILE) in")]
    public async Task AnUnknownProfileExitsTwoNamingItAndTheFilesLookedInBeforeAnythingIsCalled(string namedBy, string says)
    {
        await using var harness = await StartAsync();
        var environment = Environment(harness, withKeys: true, awsRegion: null);
        string[] args = ["collect", "--config", harness.WriteConfig(), "--out", harness.SnapshotDirectory];
        if (namedBy == "AWS_PROFILE")
        {
            environment["AWS_PROFILE"] = "ghost";
        }
        else
        {
            args = [.. args, "--profile", "ghost"];
        }

        var run = GuardrailsProcess.Run(harness.Output.Path, environment, args);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(says, run.Error, StringComparison.Ordinal);
        Assert.Contains(environment["AWS_SHARED_CREDENTIALS_FILE"]!, run.Error, StringComparison.Ordinal);
        Assert.Contains(environment["AWS_CONFIG_FILE"]!, run.Error, StringComparison.Ordinal);
        Assert.Contains("profiles there: auditor", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ProfileSecretKey, run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task AProfileWithoutKeysExitsTwoAndSaysSo()
    {
        await using var harness = await StartAsync();

        var run = GuardrailsProcess.Run(harness.Output.Path, Environment(harness, withKeys: true, awsRegion: null),
            "collect", "--config", harness.WriteConfig(), "--out", harness.SnapshotDirectory, "--profile", "regional");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("AWS profile 'regional' in", run.Error, StringComparison.Ordinal);
        Assert.Contains("holds no credentials", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Theory]
    [InlineData("scan --demo --profile auditor", "--profile names the credentials of a live collection")]
    [InlineData("collect --out x --region eu-west", "--region 'eu-west' is not the name of an AWS region")]
    [InlineData("audit --config g.yaml --profile auditor", "Unrecognized command or argument '--profile'")]
    [InlineData("worker --snapshot snap --profile auditor", "--profile names the credentials of live collection; with --snapshot")]
    public void AProfileOrRegionWhereItCannotApplyIsAUsageError(string line, string says)
    {
        using var directory = new TemporaryDirectory();

        var run = GuardrailsProcess.Run(directory.Path, line.Split(' '));

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(says, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory.Path, "out")), "nothing was scanned");
    }

    /// <summary>A server that knows the profile's key too, and shared files of the test's own: auditor (keys; region in the config file) and regional (a region only).</summary>
    private static async Task<CollectionHarness> StartAsync()
    {
        var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 3);
        harness.Server.AddCallerKey(ProfileAccessKey, ProfileSecretKey);
        await File.WriteAllTextAsync(Path.Combine(harness.Output.Path, "credentials"), $"""
            [auditor]
            aws_access_key_id = {ProfileAccessKey}
            aws_secret_access_key = {ProfileSecretKey}
            """, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(harness.Output.Path, "config"), """
            [profile auditor]
            region = ap-southeast-2

            [profile regional]
            region = eu-west-3
            """, TestContext.Current.CancellationToken);
        return harness;
    }

    private static Dictionary<string, string?> Environment(CollectionHarness harness, bool withKeys, string? awsRegion)
    {
        var environment = new Dictionary<string, string?>(harness.ProcessEnvironment(), StringComparer.Ordinal)
        {
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(harness.Output.Path, "credentials"),
            ["AWS_CONFIG_FILE"] = Path.Combine(harness.Output.Path, "config"),
            ["AWS_REGION"] = awsRegion,
            ["AWS_DEFAULT_REGION"] = null,
        };
        if (!withKeys)
        {
            environment["AWS_ACCESS_KEY_ID"] = null;
            environment["AWS_SECRET_ACCESS_KEY"] = null;
        }
        return environment;
    }
}
