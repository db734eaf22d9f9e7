using System.Text.Json;
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
/// DynamoDB's JSON 1.0 through the official AWS CLI and through our AWSSDK.DynamoDBv2 client, against the test server.
/// Debian's CLI 2.9.19 predates GetResourcePolicy: it is given botocore's newer DynamoDB model through AWS_DATA_PATH
/// (<see cref="AwsCli.Models"/>). The CLI pages through the tables, our client prints exactly what the CLI prints, and
/// the CLI's output saved as <c>dynamodb/</c> reads back as tables, streams and their policies.
/// </summary>
public sealed class DynamoDbCliTests : IAsyncLifetime
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

    private string TableArn(int i) => $"arn:aws:dynamodb:{Region}:{_account.Id}:table/{ServedPolicyPlant.TableName(i)}";

    [Fact]
    public async Task TheCliWithTheNewerModelPagesThroughTheTablesAndReadsAPolicy()
    {
        var tables = (await CliAsync("dynamodb", SnapshotLayout.TablesCommand))["TableNames"]!.AsArray();
        var policy = await CliAsync("dynamodb", SnapshotLayout.ResourcePolicyCommand, "--resource-arn", TableArn(0));

        Assert.Equal(Enumerable.Range(0, Count).Select(ServedPolicyPlant.TableName), tables.Select(t => t!.GetValue<string>()));
        Assert.True(_server.Requests.Count(r => r.Operation == "ListTables") >= 3, "the CLI paged through the tables");
        Assert.Equal(_account.ResourcePolicies.DynamoDbPolicies[TableArn(0)], policy["Policy"]!.GetValue<string>());
        Assert.NotNull(policy["RevisionId"]);
        Assert.All(_server.Requests.Where(r => r.Service == "dynamodb"), r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task ATableWithoutAPolicyIsPolicyNotFoundToTheCliAndNullToOurClient()
    {
        var assumed = await AwsCli.JsonAsync(_server, Region, "sts", "assume-role", "--role-arn", $"arn:aws:iam::{_account.Id}:role/GuardrailsAudit", "--role-session-name", "cli-test");
        var keys = assumed["Credentials"]!;
        var (exit, _, error) = await AwsCli.RunAsync(_server.Endpoint, keys["AccessKeyId"]!.GetValue<string>(), keys["SecretAccessKey"]!.GetValue<string>(),
            keys["SessionToken"]!.GetValue<string>(), Region, "dynamodb", SnapshotLayout.ResourcePolicyCommand, "--resource-arn", TableArn(Count - 1));
        var (client, context) = await OurClientAsync();

        Assert.NotEqual(0, exit);
        Assert.Contains("PolicyNotFoundException", error, StringComparison.Ordinal);
        Assert.Null(await client.GetResourcePolicyAsync(context, TableArn(Count - 1), TestContext.Current.CancellationToken));
        // A table that is gone is not found, to the CLI as to us: collect leaves it out rather than failing the region.
        Assert.Null(await client.DescribeTableAsync(context, "deleted-since-listed", TestContext.Current.CancellationToken));
        var unknown = await Assert.ThrowsAsync<AwsServiceException>(() => client.GetResourcePolicyAsync(context, TableArn(Count - 1) + "-gone", TestContext.Current.CancellationToken));
        Assert.Equal(("dynamodb", "GetResourcePolicy", "ResourceNotFoundException"), (unknown.Service, unknown.Operation, unknown.Code));
    }

    [Fact]
    public async Task OurClientPrintsWhatTheCliPrintsAndTheSnapshotReadsItBack()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        var account = SnapshotLayout.Account(directory.Path, _account.Id);
        var (client, context) = await OurClientAsync();
        var pairs = new List<(string File, JsonObject Cli, JsonElement? Ours)>
        {
            (SnapshotLayout.TablesFile(account, Region), await CliAsync("dynamodb", SnapshotLayout.TablesCommand), await client.ListTablesAsync(context, cancel)),
        };
        for (var i = 0; i < Count; i++)
        {
            var name = ServedPolicyPlant.TableName(i);
            pairs.Add((SnapshotLayout.TableFile(account, Region, name), await CliAsync("dynamodb", SnapshotLayout.DescribeTableCommand, "--table-name", name),
                await client.DescribeTableAsync(context, name, cancel)));
            var streamArn = $"{TableArn(i)}/stream/{ServedPolicyPlant.StreamLabel}";
            foreach (var (file, arn) in new[] { (SnapshotLayout.TablePolicyFile(account, Region, name), TableArn(i)), (SnapshotLayout.StreamPolicyFile(account, Region, name), streamArn) })
            {
                if (_account.ResourcePolicies.DynamoDbPolicies.ContainsKey(arn))
                {
                    pairs.Add((file, await CliAsync("dynamodb", SnapshotLayout.ResourcePolicyCommand, "--resource-arn", arn), await client.GetResourcePolicyAsync(context, arn, cancel)));
                }
                else if (arn == TableArn(i) || i % 2 == 0)
                {
                    // No policy: the CLI printed PolicyNotFoundException, collect writes {}.
                    Assert.Null(await client.GetResourcePolicyAsync(context, arn, cancel));
                    pairs.Add((file, [], JsonSerializer.SerializeToElement(new JsonObject())));
                }
            }
        }
        foreach (var (file, cli, ours) in pairs)
        {
            Assert.True(JsonNode.DeepEquals(cli, JsonNode.Parse(ours!.Value.GetRawText())), $"{file}: ours {ours.Value.GetRawText()} differs from the CLI's {cli.ToJsonString()}");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, cli.ToJsonString(), cancel);
        }

        var read = DynamoDbFiles.Read(account, _account.Id, Region, directory.Path, InputLimits.Default);

        Assert.Equal(Count, read.Count(r => r.Type == ServiceResourcePolicies.DynamoDbTable));
        Assert.Equal(3, read.Count(r => r.Type == ServiceResourcePolicies.DynamoDbStream));
        // The CLI prints DynamoDB's epoch seconds as ISO 8601, with the fraction DynamoDB sent.
        Assert.Equal("2024-12-05T09:13:20.123000+00:00", read[0].ConfigString("CreationDateTime"));
        Assert.Equal(["333333333330"], ResourcePolicies.Of(read[0])!.Statements.SelectMany(s => s.Principals).Select(p => p.Value));
        var stream = read.Single(r => r.Arn == $"{TableArn(0)}/stream/{ServedPolicyPlant.StreamLabel}");
        Assert.Equal(["dynamodb:GetRecords"], ResourcePolicies.Of(stream)!.Statements.SelectMany(s => s.Actions));
        Assert.Null(ResourcePolicies.Of(read.Single(r => r.Arn == TableArn(Count - 1))));
    }

    private async Task<(IDynamoDbClient Client, AwsContext Context)> OurClientAsync()
    {
        var retry = new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10));
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null);
        var sender = new AwsRequestSender(_http, endpoints, _limiters, retry, new AwsCallStatistics(), TimeProvider.System);
        using var roles = new RoleAssumer(new BasicAWSCredentials(_server.AccessKey, _server.SecretKey), Region, endpoints, retry, _limiters, new AwsCallStatistics(), TimeProvider.System, _ => { });
        var credentials = await roles.AssumeAsync(_account.Id, "GuardrailsAudit", "guardrails+test/1", "client-test", TestContext.Current.CancellationToken);
        return (new DynamoDbClient(sender), new AwsContext(_account.Id, Region, credentials));
    }
}
