using System.Text.Json.Nodes;
using Amazon.Runtime;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// The EC2 network calls through the official AWS CLI and through our AWSSDK.EC2 client, against the test server serving
/// the CLI's own documented example outputs (tests/data/real/aws-cli-examples/ec2, in EC2's XML by AWS's model): both page
/// through every item, and what our client writes is exactly what the CLI prints, so a snapshot collected by
/// <c>guardrails collect</c> and one written with <c>aws ec2 ...</c> are read the same.
/// </summary>
public sealed class Ec2CliTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private const string RouteTable = "tgw-rtb-0a823edbdeEXAMPLE";
    private const string EndpointService = "vpce-svc-03d5ebb7d9579a2b3";

    private AwsTestServer _server = null!;
    private ServedAccount _account = null!;

    public async ValueTask InitializeAsync()
    {
        AwsCli.Require();
        _server = await AwsTestServer.StartAsync(EstateBuilder.Build(1, [Region], resourcesPerRegion: 1), maxPage: 1);
        _account = _server.Estate.Accounts.Values.First();
        var network = _account.Network[Region] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var command in Listed)
        {
            network[command] = Example(command);
        }
        foreach (var command in NetworkOutputs.RouteTableCalls.Append(NetworkOutputs.TransitGatewayRoutes))
        {
            network[$"{command}/{RouteTable}"] = Example(command);
        }
        network[$"{NetworkOutputs.EndpointServicePermissions}/{EndpointService}"] = Example(NetworkOutputs.EndpointServicePermissions);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Every call of a region the collector makes once (the per-table and per-service ones aside).</summary>
    private static IEnumerable<string> Listed => NetworkOutputs.Commands.Concat(NetworkOutputs.Filters).Concat(NetworkOutputs.Details);

    private static JsonObject Example(string command) =>
        JsonNode.Parse(File.ReadAllText(Fixtures.Real("aws-cli-examples", "ec2", command + ".output.json")))!.AsObject();

    private Task<JsonObject> CliAsync(params string[] arguments) =>
        AwsCli.AsAuditRoleAsync(_server, _account.Id, Region, ["ec2", .. arguments]);

    [Fact]
    public async Task OurClientPrintsWhatTheCliPrintsForEveryNetworkCall()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var client = await OurClientAsync();
        var compared = new List<string>();
        foreach (var command in Listed)
        {
            var cli = await CliAsync(command);
            var ours = JsonNode.Parse((await client.Ec2.DescribeAsync(client.Context, command, cancel)).GetRawText());
            // The CLI prints a VPN's customer gateway configuration (its tunnels' keys); our file leaves it out, and only it.
            Assert.True(SameOutput(Ec2Secrets.Without(cli.DeepClone().AsObject()), ours), $"{command}: ours {ours!.ToJsonString()}\ndiffers from the CLI's {cli.ToJsonString()}");
            Assert.NotEmpty(cli.Single().Value!.AsArray());
            compared.Add(command);
        }
        var routes = await CliAsync(NetworkOutputs.TransitGatewayRoutes, "--transit-gateway-route-table-id", RouteTable, "--filters", "Name=type,Values=static,propagated");
        var ourRoutes = JsonNode.Parse((await client.Ec2.SearchTransitGatewayRoutesAsync(client.Context, RouteTable, cancel)).GetRawText());
        Assert.True(SameOutput(routes, ourRoutes), $"routes: ours {ourRoutes!.ToJsonString()}\ndiffers from the CLI's {routes.ToJsonString()}");
        var permissions = await CliAsync(NetworkOutputs.EndpointServicePermissions, "--service-id", EndpointService);
        var ourPermissions = JsonNode.Parse((await client.Ec2.DescribeEndpointServicePermissionsAsync(client.Context, EndpointService, cancel)).GetRawText());
        Assert.True(SameOutput(permissions, ourPermissions), $"permissions: ours {ourPermissions!.ToJsonString()}\ndiffers from the CLI's {permissions.ToJsonString()}");

        foreach (var command in NetworkOutputs.RouteTableCalls)
        {
            var cli = await CliAsync(command, "--transit-gateway-route-table-id", RouteTable);
            var ours = JsonNode.Parse((await client.Ec2.RouteTableLinksAsync(client.Context, command, RouteTable, cancel)).GetRawText());
            Assert.True(SameOutput(cli, ours), $"{command}: ours {ours!.ToJsonString()}\ndiffers from the CLI's {cli.ToJsonString()}");
            Assert.NotEmpty(cli.Single().Value!.AsArray());
        }

        Assert.Equal(NetworkOutputs.Commands.Count + NetworkOutputs.Filters.Count + NetworkOutputs.Details.Count, compared.Count);
        // Every list was served one item a page: both followed NextToken to the end, and our client asked within the model's MaxResults.
        Assert.All(_server.Requests.Where(r => r.Service == "ec2"), r => Assert.Equal(200, r.Status));
        Assert.Contains(_server.Requests, r => r.Service == "ec2" && r.Operation == "DescribeRouteTables" && r.FormInput!.ContainsKey("NextToken"));
    }

    [Fact]
    public async Task TheCliPagesThroughEveryItemAndTimestampsArePrintedInUtc()
    {
        var attachments = (await CliAsync(NetworkOutputs.Attachments))["TransitGatewayAttachments"]!.AsArray();

        Assert.Equal(Example(NetworkOutputs.Attachments)["TransitGatewayAttachments"]!.AsArray().Select(a => a!["TransitGatewayAttachmentId"]!.GetValue<string>()),
            attachments.Select(a => a!["TransitGatewayAttachmentId"]!.GetValue<string>()));
        Assert.Equal("2019-08-26T14:59:25+00:00", attachments[0]!["CreationTime"]!.GetValue<string>());
        Assert.Equal("tgw-rtb-002573ed1eEXAMPLE", attachments[0]!["Association"]!["TransitGatewayRouteTableId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVpnConnectionsTunnelKeysAndConfigurationNeverReachOurOutput()
    {
        // The customer gateway configuration of a real Config item (AWS Config's own example), with its tunnels' pre-shared keys.
        var real = JsonNode.Parse(File.ReadAllText(Fixtures.Real("aws-config", "example-configuration-items", "AWS_EC2_VPNConnection.json")))!;
        var configuration = real["configuration"]!["customerGatewayConfiguration"]!.GetValue<string>();
        Assert.Contains("<pre_shared_key>", configuration, StringComparison.Ordinal);
        var vpn = Example(NetworkOutputs.VpnConnections);
        var connection = vpn["VpnConnections"]![0]!.AsObject();
        connection["CustomerGatewayConfiguration"] = configuration;
        connection["Options"]!["TunnelOptions"] = new JsonArray(new JsonObject { ["OutsideIpAddress"] = "203.0.113.3", ["PreSharedKey"] = "zAhgKe2eN1_NeHr963E4r_bVj6Vu.SzE" });
        _account.Network[Region][NetworkOutputs.VpnConnections] = vpn;
        await using var client = await OurClientAsync();

        var cli = (await CliAsync(NetworkOutputs.VpnConnections)).ToJsonString();
        var ours = (await client.Ec2.DescribeAsync(client.Context, NetworkOutputs.VpnConnections, TestContext.Current.CancellationToken)).GetRawText();

        Assert.Contains("zAhgKe2eN1_NeHr963E4r_bVj6Vu.SzE", cli, StringComparison.Ordinal);
        Assert.DoesNotContain("zAhgKe2eN1", ours, StringComparison.Ordinal);
        Assert.DoesNotContain("2A_EWbxhsSikRpmmPdISBRbhsuO4oBAC", ours, StringComparison.Ordinal);
        Assert.DoesNotContain("CustomerGatewayConfiguration", ours, StringComparison.Ordinal);
        Assert.Contains("vpn-1122334455aabbccd", ours, StringComparison.Ordinal);
        Assert.Contains("\"OutsideIpAddress\":\"203.0.113.3\"", ours, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeniedCallIsAnErrorOurClientReadsAsAccessDenied()
    {
        _server.Ec2.Denied[(_account.Id, "DescribeTransitGatewayRouteTables")] = true;
        await using var client = await OurClientAsync();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.Ec2.DescribeAsync(client.Context, NetworkOutputs.TransitGatewayRouteTables, TestContext.Current.CancellationToken));

        Assert.Equal(("ec2", "DescribeTransitGatewayRouteTables", "UnauthorizedOperation"), (error.Service, error.Operation, error.Code));
        Assert.True(AwsErrorCodes.IsAccessDenied(error.Code));
        Assert.Single(_server.Requests, r => r.Operation == "DescribeTransitGatewayRouteTables");
    }

    /// <summary>
    /// The same output, member for member, except that the CLI prints an empty list AWS sent (<c>"Tags": []</c>) where our
    /// file leaves it out: AWSSDK.EC2 reads an empty XML list as no list at all. And a value of an enumeration that AWS
    /// sends in another case than its model spells it (a VPC endpoint's <c>"State": "available"</c>, the model's
    /// <c>Available</c>) the SDK reads as the model's. The network's reader takes both alike.
    /// </summary>
    internal static bool SameOutput(JsonNode cli, JsonNode? ours) =>
        JsonNode.DeepEquals(WithoutEmptyLists(cli.DeepClone(), top: true), WithoutEmptyLists(ours?.DeepClone(), top: true));

    private static JsonNode? WithoutEmptyLists(JsonNode? node, bool top = false)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Where(p => !top && p.Value is JsonArray { Count: 0 }).Select(p => p.Key).ToList())
                {
                    o.Remove(name);
                }
                if (o.ContainsKey("VpcEndpointId") && o["State"] is JsonValue state)
                {
                    o["State"] = state.GetValue<string>().ToLowerInvariant();
                }
                foreach (var (_, value) in o)
                {
                    WithoutEmptyLists(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    WithoutEmptyLists(item);
                }
                break;
        }
        return node;
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

    private sealed record OurClient(IEc2NetworkClient Ec2, AwsContext Context, HttpClient Http, RateLimiters Limiters) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Limiters.DisposeAsync();
            Http.Dispose();
        }
    }
}
