using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// CloudWatch Logs' and Glue's JSON 1.1 and Lambda's REST-JSON GETs through the official AWS CLI and through our
/// clients, against the test server: the CLI pages through what the server holds, our clients print exactly what the
/// CLI prints, and the CLI's output saved as <c>logs/</c>, <c>glue/</c> and <c>lambda/</c> reads back as policies.
/// </summary>
public sealed class ServicePolicyCliTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private const int Count = 5;
    private AwsTestServer _server = null!;
    private ServedAccount _account = null!;
    private readonly HttpClient _http = new();
    private readonly RateLimiters _limiters = new(1000, 1, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        AwsCli.Require();
        _server = await AwsTestServer.StartAsync(EstateBuilder.Build(1, [Region], resourcesPerRegion: 1), maxPage: 2);
        _account = _server.Estate.Accounts.Values.First();
        ServedPolicyPlant.Plant(_account, Region, Count);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _limiters.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task<JsonObject> CliAsync(params string[] command) => AwsCli.AsAuditRoleAsync(_server, _account.Id, Region, command);

    [Fact]
    public async Task TheCliPagesThroughEveryPolicyAndLayerTheServerHolds()
    {
        var logs = (await CliAsync("logs", SnapshotLayout.LogsPoliciesCommand))["resourcePolicies"]!.AsArray();
        var glue = (await CliAsync("glue", SnapshotLayout.GluePoliciesCommand))["GetResourcePoliciesResponseList"]!.AsArray();
        var layers = (await CliAsync("lambda", SnapshotLayout.LayersCommand))["Layers"]!.AsArray();

        Assert.Equal(_account.ResourcePolicies.Logs[Region].Select(p => p["policyName"]!.GetValue<string>()), logs.Select(p => p!["policyName"]!.GetValue<string>()));
        Assert.Equal(Count, glue.Count);
        Assert.Equal(Count, layers.Count);
        // Logs' lastUpdatedTime is a long (epoch ms) and printed as one; Glue's times arrive in epoch seconds and are printed in ISO 8601.
        Assert.Equal(1733390000000, logs[0]!["lastUpdatedTime"]!.GetValue<long>());
        Assert.Equal("2024-12-05T09:13:20.250000+00:00", glue[0]!["CreateTime"]!.GetValue<string>());
        Assert.Equal("2024-12-05T09:13:21+00:00", glue[1]!["CreateTime"]!.GetValue<string>());
        Assert.All(_server.Requests.Where(r => r.Service is "logs" or "glue" or "lambda"), r => Assert.Equal(200, r.Status));
        Assert.True(_server.Requests.Count(r => r.Operation == "ListLayers") >= 3, "the CLI paged through the layers");
    }

    [Fact]
    public async Task ALayerVersionWithoutAPolicyIsResourceNotFoundToTheCliAndNullToOurClient()
    {
        var (exit, _, error) = await AwsCli.RunAsync(_server.Endpoint, _server.AccessKey, _server.SecretKey, null, Region,
            "lambda", SnapshotLayout.LayerPolicyCommand, "--layer-name", ServedPolicyPlant.LayerName(Count - 1), "--version-number", "3");
        var (client, context) = await OurClientsAsync();

        Assert.NotEqual(0, exit);
        Assert.Contains("ResourceNotFoundException", error, StringComparison.Ordinal);
        Assert.Null(await client.Lambda.GetLayerVersionPolicyAsync(context, ServedPolicyPlant.LayerName(Count - 1), 3, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OurClientsPrintWhatTheCliPrintsAndTheSnapshotReadsItBack()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        var account = SnapshotLayout.Account(directory.Path, _account.Id);
        var (clients, context) = await OurClientsAsync();
        var pairs = new List<(string File, JsonObject Cli, JsonElement? Ours)>
        {
            (SnapshotLayout.LogsPoliciesFile(account, Region), await CliAsync("logs", SnapshotLayout.LogsPoliciesCommand), await clients.Logs.DescribeResourcePoliciesAsync(context, cancel)),
            (SnapshotLayout.GluePoliciesFile(account, Region), await CliAsync("glue", SnapshotLayout.GluePoliciesCommand), await clients.Glue.GetResourcePoliciesAsync(context, cancel)),
            (SnapshotLayout.LayersFile(account, Region), await CliAsync("lambda", SnapshotLayout.LayersCommand), await clients.Lambda.ListLayersAsync(context, cancel)),
        };
        for (var i = 0; i < Count - 1; i++)
        {
            var (name, version) = (ServedPolicyPlant.LayerName(i), 3);
            pairs.Add((SnapshotLayout.LayerPolicyFile(account, Region, name, version),
                await CliAsync("lambda", SnapshotLayout.LayerPolicyCommand, "--layer-name", name, "--version-number", "3"),
                await clients.Lambda.GetLayerVersionPolicyAsync(context, name, version, cancel)));
        }
        foreach (var (file, cli, ours) in pairs)
        {
            Assert.True(JsonNode.DeepEquals(cli, JsonNode.Parse(ours!.Value.GetRawText())), $"{file}: ours {ours.Value.GetRawText()} differs from the CLI's {cli.ToJsonString()}");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, cli.ToJsonString(), cancel);
        }
        // The last layer has no policy: the CLI printed nothing (ResourceNotFoundException), collect writes {}.
        var noPolicy = SnapshotLayout.LayerPolicyFile(account, Region, ServedPolicyPlant.LayerName(Count - 1), 3);
        Directory.CreateDirectory(Path.GetDirectoryName(noPolicy)!);
        await File.WriteAllTextAsync(noPolicy, "{}", cancel);

        var logs = ServicePolicyFiles.ReadLogs(account, _account.Id, Region, directory.Path, InputLimits.Default);
        var glue = ServicePolicyFiles.ReadGlue(account, _account.Id, Region, directory.Path, InputLimits.Default);
        var layers = ServicePolicyFiles.ReadLayers(account, _account.Id, Region, directory.Path, InputLimits.Default);

        Assert.Equal($"arn:aws:logs:{Region}:{_account.Id}:resource-policy:{ServedPolicyPlant.LogsName(0)}", logs[0].Arn);
        Assert.All(logs.Concat(glue), r => Assert.NotNull(ResourcePolicies.Of(r)));
        Assert.Equal(Count, glue.Select(r => r.Arn).Distinct().Count());
        Assert.Equal(ServiceResourcePolicies.LayerVersion, layers[0].Type);
        Assert.Equal($"arn:aws:lambda:{Region}:{_account.Id}:layer:{ServedPolicyPlant.LayerName(0)}:3", layers[0].Arn);
        Assert.Equal(["333333333330"], ResourcePolicies.Of(layers[0])!.Statements.SelectMany(s => s.Principals).Select(p => p.Value));
        Assert.Null(ResourcePolicies.Of(layers[^1]));
    }

    private async Task<(AwsClients Clients, AwsContext Context)> OurClientsAsync()
    {
        var retry = new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10));
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null);
        var sender = new AwsRequestSender(_http, endpoints, _limiters, retry, new AwsCallStatistics(), TimeProvider.System);
        using var roles = new RoleAssumer(new BasicAWSCredentials(_server.AccessKey, _server.SecretKey), Region, endpoints, retry, _limiters, new AwsCallStatistics(), TimeProvider.System, _ => { });
        var credentials = await roles.AssumeAsync(_account.Id, "GuardrailsAudit", "guardrails+test/1", "client-test", TestContext.Current.CancellationToken);
        return (AwsClients.Over(sender), new AwsContext(_account.Id, Region, credentials));
    }
}
