using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// AWS RAM's REST-JSON through the official AWS CLI and through our RamClient, against the test server: the CLI pages
/// through the shares, resources and principals the server holds, our client prints exactly what the CLI prints, and the
/// CLI's output saved as <c>ram/REGION/</c> reads back as shares with their resources and principals.
/// </summary>
public sealed class RamCliTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private const int Shares = 5;
    private AwsTestServer _server = null!;
    private ServedAccount _account = null!;

    public async ValueTask InitializeAsync()
    {
        AwsCli.Require();
        _server = await AwsTestServer.StartAsync(EstateBuilder.Build(1, [Region], resourcesPerRegion: 1), maxPage: 2);
        _account = _server.Estate.Accounts.Values.First();
        Plant();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Shares of a subnet each, with an account and an OU as principals; the last admits external principals.</summary>
    private void Plant()
    {
        var (shares, resources, principals) = (new List<JsonObject>(), new List<JsonObject>(), new List<JsonObject>());
        for (var i = 0; i < Shares; i++)
        {
            var arn = $"arn:aws:ram:{Region}:{_account.Id}:resource-share/0000000{i}-b505-7e2a-420d-6f5d3example";
            // Epoch seconds on the wire, one with a fraction: the CLI prints both as ISO 8601.
            shares.Add(new JsonObject
            {
                ["resourceShareArn"] = arn, ["name"] = $"subnets-{i}", ["owningAccountId"] = _account.Id, ["allowExternalPrincipals"] = i == Shares - 1,
                ["status"] = "ACTIVE", ["creationTime"] = 1733390000 + i + (i == 0 ? 0.25 : 0), ["lastUpdatedTime"] = 1733390100, ["featureSet"] = "STANDARD",
                ["tags"] = new JsonArray(new JsonObject { ["key"] = "customer", ["value"] = "acme" }),
            });
            resources.Add(new JsonObject
            {
                ["arn"] = $"arn:aws:ec2:{Region}:{_account.Id}:subnet/subnet-0a1b2c3d4e5f6078{i}", ["type"] = "ec2:Subnet", ["resourceShareArn"] = arn,
                ["status"] = "AVAILABLE", ["creationTime"] = 1733390000, ["lastUpdatedTime"] = 1733390000, ["resourceRegionScope"] = "REGIONAL",
            });
            principals.Add(new JsonObject { ["id"] = $"33333333333{i}", ["resourceShareArn"] = arn, ["creationTime"] = 1733390000, ["lastUpdatedTime"] = 1733390000, ["external"] = false });
            principals.Add(new JsonObject { ["id"] = $"arn:aws:organizations::000011112222:ou/o-a1b2c3d4e5/ou-ab12-acme000{i}", ["resourceShareArn"] = arn, ["creationTime"] = 1733390000, ["lastUpdatedTime"] = 1733390000, ["external"] = false });
        }
        _account.ResourceShares[Region] = shares;
        _account.SharedResources[Region] = resources;
        _account.SharePrincipals[Region] = principals;
    }

    private Task<JsonObject> CliAsync(string command) =>
        AwsCli.AsAuditRoleAsync(_server, _account.Id, Region, "ram", command, "--resource-owner", "SELF");

    [Fact]
    public async Task TheCliPagesThroughEveryShareResourceAndPrincipalTheServerHolds()
    {
        var shares = (await CliAsync(SnapshotLayout.RamCommands.Shares))["resourceShares"]!.AsArray();
        var resources = (await CliAsync(SnapshotLayout.RamCommands.Resources))["resources"]!.AsArray();
        var principals = (await CliAsync(SnapshotLayout.RamCommands.Principals))["principals"]!.AsArray();

        Assert.Equal(_account.ResourceShares[Region].Select(s => s["resourceShareArn"]!.GetValue<string>()), shares.Select(s => s!["resourceShareArn"]!.GetValue<string>()));
        Assert.Equal(Shares, resources.Count);
        Assert.Equal(2 * Shares, principals.Count);
        Assert.Equal("2024-12-05T09:13:20.250000+00:00", shares[0]!["creationTime"]!.GetValue<string>());
        Assert.Equal("2024-12-05T09:13:21+00:00", shares[1]!["creationTime"]!.GetValue<string>());
        Assert.True(shares[Shares - 1]!["allowExternalPrincipals"]!.GetValue<bool>());
        // The server refused any request without resourceOwner=SELF, so every page the CLI fetched asked for it.
        Assert.All(_server.Requests.Where(r => r.Service == "ram"), r => Assert.Equal(200, r.Status));
        Assert.True(_server.Requests.Count(r => r.Operation == "ListPrincipals") >= 5, "the CLI paged through the principals");
    }

    [Fact]
    public async Task OurClientPrintsWhatTheCliPrintsAndTheSnapshotReadsItBack()
    {
        using var directory = new TemporaryDirectory();
        var regionFolder = Path.GetDirectoryName(SnapshotLayout.RamFile(SnapshotLayout.Account(directory.Path, _account.Id), Region, SnapshotLayout.RamCommands.Shares))!;
        Directory.CreateDirectory(regionFolder);
        var ours = await OurClientAsync();
        foreach (var command in SnapshotLayout.RamCommands.All)
        {
            var cli = await CliAsync(command);
            Assert.True(JsonNode.DeepEquals(cli, JsonNode.Parse(ours[command].GetRawText())), $"{command}: ours {ours[command].GetRawText()} differs from the CLI's {cli.ToJsonString()}");
            await File.WriteAllTextAsync(Path.Combine(regionFolder, command + ".json"), cli.ToJsonString(), TestContext.Current.CancellationToken);
        }

        var read = RamFiles.Read(regionFolder, _account.Id, Region, directory.Path, InputLimits.Default);

        Assert.Equal(Shares, read.Count);
        var first = read[0];
        Assert.Equal(ResourceShares.ShareType, first.Type);
        Assert.Equal("subnets-0", first.Name);
        Assert.Equal([$"arn:aws:ec2:{Region}:{_account.Id}:subnet/subnet-0a1b2c3d4e5f60780"], ResourceShares.SharedResources(first));
        Assert.Equal(["333333333330", "arn:aws:organizations::000011112222:ou/o-a1b2c3d4e5/ou-ab12-acme0000"], ResourceShares.Principals(first)!);
        Assert.False(ResourceShares.AllowsExternalPrincipals(first));
        Assert.True(ResourceShares.AllowsExternalPrincipals(read[^1]));
    }

    private async Task<Dictionary<string, JsonElement>> OurClientAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        var retry = new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        await using var limiters = new RateLimiters(1000, 1, TimeProvider.System);
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null);
        var sender = new AwsRequestSender(http, endpoints, limiters, retry, new AwsCallStatistics(), TimeProvider.System);
        using var roles = new RoleAssumer(new BasicAWSCredentials(_server.AccessKey, _server.SecretKey), Region, endpoints, retry, limiters, new AwsCallStatistics(), TimeProvider.System, _ => { });
        var credentials = await roles.AssumeAsync(_account.Id, "GuardrailsAudit", "guardrails+test/1", "client-test", cancel);
        var client = new RamClient(new AwsProtocols(sender));
        var context = new AwsContext(_account.Id, Region, credentials);
        return new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            [SnapshotLayout.RamCommands.Shares] = await client.GetResourceSharesAsync(context, cancel),
            [SnapshotLayout.RamCommands.Resources] = await client.ListResourcesAsync(context, cancel),
            [SnapshotLayout.RamCommands.Principals] = await client.ListPrincipalsAsync(context, cancel),
        };
    }
}
