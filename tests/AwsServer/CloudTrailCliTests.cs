using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Collection;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// CloudTrail's LookupEvents (JSON 1.1) through the official AWS CLI and through our client, against the test server:
/// the CLI pages through the write events since a time, newest first, and our client reads the same events; an answer
/// of another shape, or more pages than allowed, is an error for the caller to fall back on, never a partial list.
/// </summary>
public sealed class CloudTrailCliTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private static readonly DateTimeOffset Since = DateTimeOffset.UtcNow.AddHours(-2);
    private AwsTestServer _server = null!;
    private ServedAccount _account = null!;
    private readonly HttpClient _http = new();
    private readonly RateLimiters _limiters = new(1000, 1, TimeProvider.System);

    public async ValueTask InitializeAsync()
    {
        _server = await AwsTestServer.StartAsync(EstateBuilder.Build(1, [Region], resourcesPerRegion: 1), maxPage: 2);
        _account = _server.Estate.Accounts.Values.First();
        // Before the time asked, a read call, and five writes after it (pages of two): the writes are the answer.
        _account.RecordEvent(Region, "ram.amazonaws.com", "CreateResourceShare", Since.AddHours(-1));
        _account.RecordEvent(Region, "ec2.amazonaws.com", "DescribeSnapshots", Since.AddMinutes(5), readOnly: true);
        string[] names = ["PutResourcePolicy", "ModifySnapshotAttribute", "AssociateResourceShare", "AddLayerVersionPermission20181031", "CreateImage"];
        string[] sources = ["logs.amazonaws.com", "ec2.amazonaws.com", "ram.amazonaws.com", "lambda.amazonaws.com", "ec2.amazonaws.com"];
        for (var i = 0; i < names.Length; i++)
        {
            _account.RecordEvent(Region, sources[i], names[i], Since.AddMinutes(10 + i));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _limiters.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TheCliAndOurClientPageThroughTheSameWriteEventsNewestFirst()
    {
        AwsCli.Require();
        var cli = await AwsCli.AsAuditRoleAsync(_server, _account.Id, Region, "cloudtrail", "lookup-events",
            "--lookup-attributes", "AttributeKey=ReadOnly,AttributeValue=false", "--start-time", Since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        var (client, context) = await OurClientAsync();
        var ours = await client.LookupWriteEventsAsync(context, Since, maxPages: 10, TestContext.Current.CancellationToken);

        var printed = cli["Events"]!.AsArray().Select(e => new TrailEvent(e!["EventSource"]!.GetValue<string>(), e["EventName"]!.GetValue<string>())).ToList();
        Assert.Equal(["CreateImage", "AddLayerVersionPermission20181031", "AssociateResourceShare", "ModifySnapshotAttribute", "PutResourcePolicy"], printed.Select(e => e.EventName));
        Assert.Equal(printed, ours);
        Assert.True(_server.Requests.Count(r => r.Operation == "LookupEvents") >= 6, "both paged through pages of two");
        Assert.All(_server.Requests.Where(r => r.Service == "cloudtrail"), r => Assert.Equal(200, r.Status));
        Assert.All(_server.Requests.Where(r => r.Service == "cloudtrail"), r => Assert.Empty(ServiceModels.Check("cloudtrail", "LookupEvents", JsonNode.Parse(r.JsonInput))));
    }

    [Fact]
    public async Task MorePagesThanAllowedIsAnErrorNotAPartialList()
    {
        var (client, context) = await OurClientAsync();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.LookupWriteEventsAsync(context, Since, maxPages: 2, TestContext.Current.CancellationToken));

        Assert.Contains("more than 2 pages", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "not an object")]
    [InlineData("{\"Events\": {\"EventName\": \"x\"}}", "Events is not a list")]
    [InlineData("{\"Events\": [{\"EventSource\": \"ram.amazonaws.com\"}]}", "no EventSource or EventName")]
    [InlineData("{\"Events\": [{\"EventSource\": 7, \"EventName\": \"CreateResourceShare\"}]}", "no EventSource or EventName")]
    [InlineData("{\"Events\": [], \"NextToken\": 12}", "NextToken is not a string")]
    public async Task AnAnswerOfAnotherShapeIsAnError(string answer, string expected)
    {
        _server.Faults.TrailAnswer[(_account.Id, Region)] = answer;
        var (client, context) = await OurClientAsync();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.LookupWriteEventsAsync(context, Since, maxPages: 10, TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private async Task<(ICloudTrailClient Client, AwsContext Context)> OurClientAsync()
    {
        var retry = new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10));
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null);
        var sender = new AwsRequestSender(_http, endpoints, _limiters, retry, new AwsCallStatistics(), TimeProvider.System);
        using var roles = new RoleAssumer(new BasicAWSCredentials(_server.AccessKey, _server.SecretKey), Region, endpoints, retry, _limiters, new AwsCallStatistics(), TimeProvider.System, _ => { });
        var credentials = await roles.AssumeAsync(_account.Id, "GuardrailsAudit", "guardrails+test/1", "client-test", TestContext.Current.CancellationToken);
        return (AwsClients.Over(sender).CloudTrail, new AwsContext(_account.Id, Region, credentials));
    }
}
