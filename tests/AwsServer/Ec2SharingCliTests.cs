using System.Text.Json.Nodes;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// Who EBS snapshots and AMIs are shared with, through the official AWS CLI and through our AWSSDK.EC2 client, against the
/// test server serving the CLI's own documented example outputs (tests/data/real/aws-cli-examples/ec2): both print the same,
/// and the CLI's own output, saved as a snapshot's <c>ec2/REGION/</c> files, reads as the sharing the rules judge.
/// AWS's examples name two snapshots (snap-01234567890abcdef listed, snap-01234567890abcedf's attribute: a typo of the
/// docs), so the attribute example is served for both.
/// </summary>
public sealed class Ec2SharingCliTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private const string Snapshot = "snap-01234567890abcdef";
    private const string Image = "ami-5731123e";

    private AwsTestServer _server = null!;
    private ServedAccount _account = null!;

    public async ValueTask InitializeAsync()
    {
        AwsCli.Require();
        _server = await AwsTestServer.StartAsync(EstateBuilder.Build(1, [Region], resourcesPerRegion: 1), maxPage: 1);
        _account = _server.Estate.Accounts.Values.First();
        var served = _account.Network[Region] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        served[SnapshotLayout.SnapshotsCommand] = Example(SnapshotLayout.SnapshotsCommand);
        served[SnapshotLayout.ImagesCommand] = Example(SnapshotLayout.ImagesCommand);
        var attribute = Example(SnapshotLayout.SnapshotAttributeCommand);
        served[$"{SnapshotLayout.SnapshotAttributeCommand}/{attribute["SnapshotId"]}"] = attribute.DeepClone().AsObject();
        attribute["SnapshotId"] = Snapshot;
        served[$"{SnapshotLayout.SnapshotAttributeCommand}/{Snapshot}"] = attribute;
        served[$"{SnapshotLayout.ImageAttributeCommand}/{Image}"] = Example(SnapshotLayout.ImageAttributeCommand);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Example(string command) =>
        JsonNode.Parse(File.ReadAllText(Fixtures.Real("aws-cli-examples", "ec2", command + ".output.json")))!.AsObject();

    private Task<JsonObject> CliAsync(params string[] arguments) => AwsCli.AsAuditRoleAsync(_server, _account.Id, Region, ["ec2", .. arguments]);

    private Task<JsonObject> SnapshotsAsync() => CliAsync(SnapshotLayout.SnapshotsCommand, "--owner-ids", "self");
    private Task<JsonObject> SnapshotSharingAsync(string id) => CliAsync(SnapshotLayout.SnapshotAttributeCommand, "--snapshot-id", id, "--attribute", "createVolumePermission");
    private Task<JsonObject> ImagesAsync() => CliAsync(SnapshotLayout.ImagesCommand, "--owners", "self");
    private Task<JsonObject> ImageSharingAsync() => CliAsync(SnapshotLayout.ImageAttributeCommand, "--image-id", Image, "--attribute", "launchPermission");

    [Fact]
    public async Task OurClientPrintsWhatTheCliPrintsForEverySharingCall()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var client = await OurClientAsync();
        var pairs = new (string Call, JsonObject Cli, JsonNode? Ours)[]
        {
            ("describe-snapshots", await SnapshotsAsync(), Node(await client.Ec2.DescribeOwnSnapshotsAsync(client.Context, cancel))),
            ("describe-snapshot-attribute", await SnapshotSharingAsync(Snapshot), Node(await client.Ec2.DescribeSnapshotSharingAsync(client.Context, Snapshot, cancel))),
            ("describe-images", await ImagesAsync(), Node(await client.Ec2.DescribeOwnImagesAsync(client.Context, cancel))),
            ("describe-image-attribute", await ImageSharingAsync(), Node(await client.Ec2.DescribeImageSharingAsync(client.Context, Image, cancel))),
        };

        Assert.All(pairs, p => Assert.True(Ec2CliTests.SameOutput(p.Cli, p.Ours), $"{p.Call}: ours {p.Ours!.ToJsonString()}\ndiffers from the CLI's {p.Cli.ToJsonString()}"));
        Assert.Equal("2019-02-28T21:28:32+00:00", pairs[0].Cli["Snapshots"]![0]!["StartTime"]!.GetValue<string>());
        Assert.Equal("123456789012", pairs[3].Cli["LaunchPermissions"]![0]!["UserId"]!.GetValue<string>());
        var ec2 = _server.Requests.Where(r => r.Service == "ec2").ToList();
        Assert.All(ec2, r => Assert.Equal(200, r.Status));
        // Both asked for the account's own only, and for the one attribute that says who may use it.
        Assert.All(ec2.Where(r => r.Operation == "DescribeSnapshots"), r => Assert.Equal("self", r.FormInput!["Owner.1"]));
        Assert.All(ec2.Where(r => r.Operation == "DescribeImages"), r => Assert.Equal("self", r.FormInput!["Owner.1"]));
        Assert.Equal(2, ec2.Count(r => r.Operation == "DescribeImageAttribute" && r.FormInput!["Attribute"] == "launchPermission"));
    }

    [Fact]
    public async Task TheCliOutputSavedAsSnapshotFilesReadsAsTheSharingTheRulesJudge()
    {
        using var directory = new TemporaryDirectory();
        // Each example's owner is the account whose folder it is saved in: the reader refuses another's snapshots.
        var snapshots = await SnapshotsAsync();
        var images = await ImagesAsync();
        var (snapshotOwner, imageOwner) = (snapshots["Snapshots"]![0]!["OwnerId"]!.GetValue<string>(), images["Images"]![0]!["OwnerId"]!.GetValue<string>());
        Save(SnapshotLayout.SnapshotsFile(Account(directory, snapshotOwner), Region), snapshots);
        Save(SnapshotLayout.SnapshotAttributeFile(Account(directory, snapshotOwner), Region, Snapshot), await SnapshotSharingAsync(Snapshot));
        Save(SnapshotLayout.ImagesFile(Account(directory, imageOwner), Region), images);
        Save(SnapshotLayout.ImageAttributeFile(Account(directory, imageOwner), Region, Image), await ImageSharingAsync());

        var snapshot = Assert.Single(Ec2SharingFiles.ReadSnapshots(Account(directory, snapshotOwner), snapshotOwner, Region, directory.Path, InputLimits.Default));
        var image = Assert.Single(Ec2SharingFiles.ReadImages(Account(directory, imageOwner), imageOwner, Region, directory.Path, InputLimits.Default));

        Assert.Equal(($"arn:aws:ec2:{Region}:{snapshotOwner}:snapshot/{Snapshot}", ServiceResourcePolicies.Ec2Snapshot, "test"), (snapshot.Arn, snapshot.Type, snapshot.Tags["Stack"]));
        Assert.Equal(["123456789012"], ResourceSharing.Grantees(snapshot));
        Assert.Equal(($"arn:aws:ec2:{Region}:{imageOwner}:image/{Image}", "My server"), (image.Arn, image.Name));
        Assert.Equal(["123456789012"], ResourceSharing.Grantees(image));
    }

    [Fact]
    public async Task ADeniedAttributeCallIsAnErrorOurClientReadsAsAccessDeniedAndAnUnknownSnapshotAsNotFound()
    {
        await using var client = await OurClientAsync();
        var cancel = TestContext.Current.CancellationToken;
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => client.Ec2.DescribeSnapshotSharingAsync(client.Context, "snap-0000000000000000f", cancel));
        _server.Ec2.Denied[(_account.Id, "DescribeImageAttribute")] = true;

        var denied = await Assert.ThrowsAsync<AwsServiceException>(() => client.Ec2.DescribeImageSharingAsync(client.Context, Image, cancel));

        Assert.Equal("InvalidSnapshot.NotFound", missing.Code);
        Assert.Equal(("ec2", "DescribeImageAttribute", "UnauthorizedOperation"), (denied.Service, denied.Operation, denied.Code));
        Assert.True(AwsErrorCodes.IsAccessDenied(denied.Code));
    }

    private static JsonNode? Node(System.Text.Json.JsonElement element) => JsonNode.Parse(element.GetRawText());

    private static string Account(TemporaryDirectory directory, string account) => SnapshotLayout.Account(directory.Path, account);

    private static void Save(string path, JsonObject output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, output.ToJsonString());
    }

    private async Task<OurClient> OurClientAsync()
    {
        var retry = new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10));
        var http = new HttpClient();
        var limiters = new RateLimiters(1000, 1, TimeProvider.System);
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null);
        var sender = new AwsRequestSender(http, endpoints, limiters, retry, new AwsCallStatistics(), TimeProvider.System);
        using var roles = new RoleAssumer(new BasicAWSCredentials(_server.AccessKey, _server.SecretKey), Region, endpoints, retry, limiters, new AwsCallStatistics(), TimeProvider.System, _ => { });
        var credentials = await roles.AssumeAsync(_account.Id, "GuardrailsAudit", "guardrails+test/1", "client-test", TestContext.Current.CancellationToken);
        return new OurClient(new Ec2NetworkClient(sender), new AwsContext(_account.Id, Region, credentials), http, limiters);
    }

    private sealed record OurClient(IEc2SharingClient Ec2, AwsContext Context, HttpClient Http, RateLimiters Limiters) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Limiters.DisposeAsync();
            Http.Dispose();
        }
    }
}
