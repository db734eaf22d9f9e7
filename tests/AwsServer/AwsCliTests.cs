using System.Text;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Tests.AwsServer;

/// <summary>
/// The official AWS CLI, run against the test server for every operation Guardrails calls, parses
/// what the server answers into the data the server holds: the server speaks AWS's protocols.
/// Pages are capped at 4 items, so the CLI's own paginators must follow every token.
/// </summary>
public sealed class AwsCliTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private AwsTestServer _server = null!;
    private ServedAccount _account = null!;

    public async ValueTask InitializeAsync()
    {
        AwsCli.Require();
        _server = await AwsTestServer.StartAsync(EstateBuilder.Build(2, [Region, "eu-central-1"], resourcesPerRegion: 13), maxPage: 4);
        _account = _server.Estate.Accounts.Values.First();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Calls the CLI with the audit role's session in the first account, as the collector does.</summary>
    private Task<JsonObject> AsAccountAsync(params string[] arguments) => AwsCli.AsAuditRoleAsync(_server, _account.Id, Region, arguments);

    [Fact]
    public async Task TheCliAssumesTheAuditRoleAndGetCallerIdentityNamesTheAccount()
    {
        var identity = await AsAccountAsync("sts", "get-caller-identity");
        Assert.Equal(_account.Id, identity["Account"]!.GetValue<string>());
        Assert.Equal($"arn:aws:sts::{_account.Id}:assumed-role/GuardrailsAudit/cli-test", identity["Arn"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheCliListsEveryDiscoveredResourceOfATypeAcrossPages()
    {
        var listed = await AsAccountAsync("configservice", "list-discovered-resources", "--resource-type", "AWS::S3::Bucket");
        var expected = _account.ItemsIn(Region).Where(i => i["resourceType"]!.GetValue<string>() == "AWS::S3::Bucket").Select(i => i["resourceId"]!.GetValue<string>());
        Assert.Equal(expected, listed["resourceIdentifiers"]!.AsArray().Select(r => r!["resourceId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheCliReadsConfigurationItemsFromBatchGetResourceConfig()
    {
        var item = _account.ItemsIn(Region)[0];
        var got = await AsAccountAsync("configservice", "batch-get-resource-config", "--resource-keys",
            $"resourceType={item["resourceType"]},resourceId={item["resourceId"]}");
        var base0 = Assert.Single(got["baseConfigurationItems"]!.AsArray())!;
        Assert.Equal(item["arn"]!.GetValue<string>(), base0["arn"]!.GetValue<string>());
        Assert.Equal(item["configuration"]!.GetValue<string>(), base0["configuration"]!.GetValue<string>());
        Assert.Empty(got["unprocessedResourceKeys"]!.AsArray());
    }

    [Fact]
    public async Task TheCliFollowsSelectResourceConfigToItsLastPage()
    {
        var got = await AsAccountAsync("configservice", "select-resource-config", "--expression", "SELECT resourceId, resourceType, configuration");
        var rows = got["Results"]!.AsArray().Select(r => JsonNode.Parse(r!.GetValue<string>())!).ToList();
        Assert.Equal(_account.ItemsIn(Region).Select(i => i["resourceId"]!.GetValue<string>()), rows.Select(r => r["resourceId"]!.GetValue<string>()));
        Assert.Equal("resourceId", got["QueryInfo"]!["SelectFields"]![0]!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheCliQueriesAndBatchGetsTheAggregatorAcrossAccountsAndRegions()
    {
        var all = _server.Estate.Accounts.Values.Sum(a => a.ConfigItems.Values.Sum(i => i.Count));
        var selected = await AwsCli.JsonAsync(_server, Region, "configservice", "select-aggregate-resource-config",
            "--configuration-aggregator-name", _server.Estate.AggregatorName, "--expression", "SELECT accountId, awsRegion, resourceType, resourceId");
        Assert.Equal(all, selected["Results"]!.AsArray().Count);

        var item = _account.ItemsIn("eu-central-1")[2];
        var got = await AwsCli.JsonAsync(_server, Region, "configservice", "batch-get-aggregate-resource-config",
            "--configuration-aggregator-name", _server.Estate.AggregatorName, "--resource-identifiers",
            $"SourceAccountId={_account.Id},SourceRegion=eu-central-1,ResourceId={item["resourceId"]},ResourceType={item["resourceType"]}");
        Assert.Equal(item["arn"]!.GetValue<string>(), Assert.Single(got["BaseConfigurationItems"]!.AsArray())!["arn"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheCliReadsEveryTaggedResourceWithItsTags()
    {
        var got = await AsAccountAsync("resourcegroupstaggingapi", "get-resources");
        Assert.Equal(
            _account.TagMappings[Region].Select(m => m.ToJsonString()),
            got["ResourceTagMappingList"]!.AsArray().Select(m => m!.ToJsonString()));
    }

    [Fact]
    public async Task TheCliListsServiceQuotas()
    {
        var got = await AsAccountAsync("service-quotas", "list-service-quotas", "--service-code", "vpc");
        Assert.Equal(
            _account.Quotas[Region]["vpc"].Select(q => q["QuotaCode"]!.GetValue<string>()),
            got["Quotas"]!.AsArray().Select(q => q!["QuotaCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheCliDecodesTheAuthorizationDetailsDocumentsAcrossPages()
    {
        var got = await AsAccountAsync("iam", "get-account-authorization-details");
        foreach (var list in new[] { "UserDetailList", "GroupDetailList", "RoleDetailList", "Policies" })
        {
            Assert.Equal(_account.Iam[list]!.AsArray().Count, got[list]!.AsArray().Count);
        }
        var expected = _account.Iam["Policies"]![0]!["PolicyVersionList"]![0]!["Document"]!;
        Assert.True(JsonNode.DeepEquals(expected, got["Policies"]![0]!["PolicyVersionList"]![0]!["Document"]), got["Policies"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(_account.Iam["RoleDetailList"]![0]!["AssumeRolePolicyDocument"], got["RoleDetailList"]![0]!["AssumeRolePolicyDocument"]));
        Assert.Equal(1, got["Policies"]![0]!["AttachmentCount"]!.GetValue<int>());
        Assert.True(got["Policies"]![0]!["IsAttachable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheCliGeneratesThenReadsTheCredentialReport()
    {
        var states = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            states.Add((await AsAccountAsync("iam", "generate-credential-report"))["State"]!.GetValue<string>());
        }
        Assert.Equal(["STARTED", "INPROGRESS", "COMPLETE"], states);
        var report = await AsAccountAsync("iam", "get-credential-report");
        Assert.Equal(_account.CredentialReport, Encoding.UTF8.GetString(Convert.FromBase64String(report["Content"]!.GetValue<string>())));
    }

    [Fact]
    public async Task AWrongSecretKeyIsRefusedAsAwsRefusesIt()
    {
        var query = await AwsCli.RunAsync(_server.Endpoint, _server.AccessKey, "not-the-secret-key-0123456789abcdefghijkl", null, Region, "iam", "generate-credential-report");
        Assert.NotEqual(0, query.Exit);
        Assert.Contains("SignatureDoesNotMatch", query.Error, StringComparison.Ordinal);
        var json = await AwsCli.RunAsync(_server.Endpoint, _server.AccessKey, "not-the-secret-key-0123456789abcdefghijkl", null, Region, "resourcegroupstaggingapi", "get-resources");
        Assert.Contains("InvalidSignatureException", json.Error, StringComparison.Ordinal);
        var unknown = await AwsCli.RunAsync(_server.Endpoint, "AKIAUNKNOWNKEY000000", _server.SecretKey, null, Region, "sts", "get-caller-identity");
        Assert.Contains("InvalidClientTokenId", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCliSeesTheThrottlingAndDenialErrorsAwsWouldSend()
    {
        _server.Faults.DeniedAssumeRole[_account.Id] = true;
        var denied = await AwsCli.RunAsync(_server.Endpoint, _server.AccessKey, _server.SecretKey, null, Region, "sts", "assume-role",
            "--role-arn", $"arn:aws:iam::{_account.Id}:role/GuardrailsAudit", "--role-session-name", "cli-test");
        Assert.Contains("(AccessDenied) when calling the AssumeRole operation", denied.Error, StringComparison.Ordinal);
        _server.Faults.ThrottleFraction = 1;
        var throttled = await AwsCli.RunAsync(_server.Endpoint, _server.AccessKey, _server.SecretKey, null, Region, "configservice", "select-resource-config", "--expression", "SELECT resourceId");
        Assert.Contains("(ThrottlingException)", throttled.Error, StringComparison.Ordinal);
    }
}
