using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// IAM's service-last-accessed jobs through the official AWS CLI and through our IamClient, against the test server:
/// the CLI parses the server's answers into the services it holds, our client reads the same, and the file the CLI's
/// output makes is one our reader accepts.
/// </summary>
public sealed class ServiceLastAccessCliTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private AwsTestServer _server = null!;
    private ServedAccount _account = null!;

    public async ValueTask InitializeAsync()
    {
        AwsCli.Require();
        _server = await AwsTestServer.StartAsync(EstateBuilder.Build(1, [Region], resourcesPerRegion: 1), maxPage: 4);
        _account = _server.Estate.Accounts.Values.First();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private string RoleArn => $"arn:aws:iam::{_account.Id}:role/GuardrailsAudit";

    private Task<JsonObject> AsAccountAsync(params string[] arguments) => AwsCli.AsAuditRoleAsync(_server, _account.Id, Region, arguments);

    [Fact]
    public async Task TheCliStartsAJobPollsItAndPagesThroughTheServicesTheServerHolds()
    {
        var jobId = (await AsAccountAsync("iam", "generate-service-last-accessed-details", "--arn", RoleArn))["JobId"]!.GetValue<string>();
        Assert.Equal(36, jobId.Length);
        Assert.Equal("IN_PROGRESS", (await AsAccountAsync("iam", "get-service-last-accessed-details", "--job-id", jobId))["JobStatus"]!.GetValue<string>());

        var pages = await CliPagesAsync(jobId);

        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(pages, p => Assert.Equal("COMPLETED", p["JobStatus"]!.GetValue<string>()));
        var services = pages.SelectMany(p => p["ServicesLastAccessed"]!.AsArray()).ToList();
        var served = _account.ServicesLastAccessed[RoleArn];
        Assert.Equal(served.Select(s => s!["ServiceNamespace"]!.GetValue<string>()), services.Select(s => s!["ServiceNamespace"]!.GetValue<string>()));
        // The CLI types what IAM's XML leaves untyped: a count is a number, a date a timestamp it reprints.
        Assert.Equal(1, services[0]!["TotalAuthenticatedEntities"]!.GetValue<int>());
        Assert.Equal(DateTimeOffset.Parse(served[0]!["LastAuthenticated"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(services[0]!["LastAuthenticated"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(services[1]!["LastAuthenticated"]);
    }

    [Fact]
    public async Task OurClientReadsWhatTheCliReadsAndOurReaderAcceptsTheCliOutput()
    {
        var cliJob = (await AsAccountAsync("iam", "generate-service-last-accessed-details", "--arn", RoleArn))["JobId"]!.GetValue<string>();
        await AsAccountAsync("iam", "get-service-last-accessed-details", "--job-id", cliJob);
        var pages = await CliPagesAsync(cliJob);
        // The CLI's output with its pages merged, as our collector writes it.
        var cli = pages[^1];
        cli["ServicesLastAccessed"] = new JsonArray(pages.SelectMany(p => p["ServicesLastAccessed"]!.AsArray()).Select(n => n!.DeepClone()).ToArray());

        var ours = await OurClientAsync();

        Assert.Equal("COMPLETED", ours.GetProperty("JobStatus").GetString());
        Assert.False(ours.GetProperty("IsTruncated").GetBoolean());
        var cliServices = cli["ServicesLastAccessed"]!.AsArray();
        var ourServices = ours.GetProperty("ServicesLastAccessed").EnumerateArray().ToList();
        Assert.Equal(cliServices.Select(s => s!["ServiceNamespace"]!.GetValue<string>()), ourServices.Select(s => s.GetProperty("ServiceNamespace").GetString()));
        Assert.Equal(cliServices.Select(s => s!["TotalAuthenticatedEntities"]!.GetValue<int>()), ourServices.Select(s => s.GetProperty("TotalAuthenticatedEntities").GetInt32()));

        // The CLI's own output, saved as the snapshot file, reads back with every service.
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "GuardrailsAudit.json");
        await File.WriteAllTextAsync(path, cli.ToJsonString(), TestContext.Current.CancellationToken);
        var read = ServiceLastAccessFiles.Read(path, directory.Path, InputLimits.Default);
        Assert.Equal(cliServices.Count, read.GetProperty("ServicesLastAccessed").GetArrayLength());
    }

    /// <summary>Every page of a job's answer, following Marker as a script around the CLI must (the CLI has no paginator for it).</summary>
    private async Task<List<JsonObject>> CliPagesAsync(string jobId)
    {
        var pages = new List<JsonObject>();
        string? marker = null;
        do
        {
            var page = await AsAccountAsync(["iam", "get-service-last-accessed-details", "--job-id", jobId, .. marker is null ? Array.Empty<string>() : ["--marker", marker]]);
            pages.Add(page);
            marker = page["IsTruncated"]!.GetValue<bool>() ? page["Marker"]!.GetValue<string>() : null;
        }
        while (marker is not null);
        return pages;
    }

    private async Task<JsonElement> OurClientAsync()
    {
        using var http = new HttpClient();
        await using var limiters = new RateLimiters(1000, 1, TimeProvider.System);
        var endpoints = new AwsEndpoints(name => name == "AWS_ENDPOINT_URL" ? _server.Endpoint.ToString() : null);
        var sender = new AwsRequestSender(http, endpoints, limiters, new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10)), new AwsCallStatistics(), TimeProvider.System);
        using var roles = new RoleAssumer(new BasicAWSCredentials(_server.AccessKey, _server.SecretKey), Region, endpoints, new AwsRetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10)), limiters, new AwsCallStatistics(), TimeProvider.System, _ => { });
        var credentials = await roles.AssumeAsync(_account.Id, "GuardrailsAudit", "guardrails+test/1", "client-test", TestContext.Current.CancellationToken);
        var client = new IamClient(new AwsProtocols(sender));
        var context = new AwsContext(_account.Id, AwsService.Iam.GlobalRegion!, credentials);
        var job = await client.GenerateServiceLastAccessedDetailsAsync(context, RoleArn, TestContext.Current.CancellationToken);
        JsonElement answer;
        do
        {
            answer = await client.GetServiceLastAccessedDetailsAsync(context, job, TestContext.Current.CancellationToken);
        }
        while (answer.GetProperty("JobStatus").GetString() == "IN_PROGRESS");
        return answer;
    }
}
