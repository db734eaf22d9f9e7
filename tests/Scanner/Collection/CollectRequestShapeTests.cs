using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>Every request the collector sends conforms to AWS's own model of the operation (botocore's, shipped by Debian's awscli).</summary>
public sealed class CollectRequestShapeTests
{
    [Fact]
    public async Task EveryRequestTheCollectorSendsConformsToAwssServiceModels()
    {
        AwsCli.Require();
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 30);
        harness.Server.Faults.UnprocessedFraction = 0.3;
        ServedPolicyPlant.Plant(harness.Server.Estate.Accounts.Values.First(), "eu-west-1", 3);
        ServedSharingPlant.Snapshot(harness.Server.Estate.Accounts.Values.First(), "eu-west-1", ServedSharingPlant.SnapshotId(1), ServedSharingPlant.User("444455556666"));
        ServedSharingPlant.Image(harness.Server.Estate.Accounts.Values.First(), "eu-west-1", ServedSharingPlant.ImageId(1), ServedSharingPlant.Public());
        var fast = CollectionHarness.FastSettings();
        await harness.CollectAsync(fast);
        await using var aggregated = await CollectionHarness.StartAsync(accounts: 1, resourcesPerRegion: 30);
        await aggregated.CollectAsync(new AwsSettings
        {
            ExternalId = fast.ExternalId, BaseDelay = fast.BaseDelay, MaxDelay = fast.MaxDelay, RequestsPerSecond = fast.RequestsPerSecond,
            Aggregator = new AggregatorSettings(aggregated.Server.Estate.AggregatorName, aggregated.Server.Estate.CallerAccount, "eu-west-1"),
        });

        var requests = harness.Server.Requests.Concat(aggregated.Server.Requests).ToList();
        var problems = requests.SelectMany(r => ServiceModels.Check(r.Service, r.Operation, Input(r)).Select(p => $"{r.Service}:{r.Operation}: {p}")).Distinct().ToList();

        Assert.Empty(problems);
        Assert.Equal(
            ["AssumeRole", "BatchGetAggregateResourceConfig", "BatchGetResourceConfig", "DescribeConfigurationRecorderStatus", "DescribeConfigurationRecorders", "DescribeImageAttribute", "DescribeImages",
             "DescribeNetworkAcls", "DescribeResourcePolicies", "DescribeRouteTables", "DescribeSecurityGroups", "DescribeSnapshotAttribute",
             "DescribeSnapshots", "DescribeTable", "DescribeTransitGatewayAttachments", "DescribeTransitGatewayPeeringAttachments",
             "DescribeTransitGatewayRouteTables", "DescribeTransitGateways", "DescribeVpcEndpointServiceConfigurations", "DescribeVpcEndpoints",
             "DescribeVpcPeeringConnections", "DescribeVpcs", "DescribeVpnConnections", "GenerateCredentialReport", "GetAccountAuthorizationDetails",
             "GetCallerIdentity", "GetCredentialReport", "GetLayerVersionPolicy", "GetResourcePolicies", "GetResourcePolicy", "GetResourceShares",
             "GetResources", "ListLayers", "ListPrincipals", "ListResources", "ListServiceQuotas", "ListTables",
             "SelectAggregateResourceConfig", "SelectResourceConfig"],
            requests.Select(r => r.Operation).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryRequestOfAnIncrementalNightConformsToAwssServiceModels()
    {
        AwsCli.Require();
        await using var harness = await CollectionHarness.StartAsync(accounts: 2, resourcesPerRegion: 30);
        harness.Server.Faults.DeletedHiddenFromQuery = true;
        var fast = CollectionHarness.FastSettings();
        var aggregated = new AwsSettings
        {
            ExternalId = fast.ExternalId, BaseDelay = fast.BaseDelay, MaxDelay = fast.MaxDelay, RequestsPerSecond = fast.RequestsPerSecond,
            Aggregator = new AggregatorSettings(harness.Server.Estate.AggregatorName, harness.Server.Estate.CallerAccount, "eu-west-1"),
        };
        var (direct, viaAggregator) = (Path.Combine(harness.Output.Path, "direct"), Path.Combine(harness.Output.Path, "aggregator"));
        // Both nights' requests: a full night describes the recorder, a second one copies it unless CloudTrail shows a recorder call.
        harness.Server.ClearRequests();
        await harness.CollectAsync(fast, directory: direct);
        await harness.CollectAsync(aggregated, directory: viaAggregator);
        EstateChurn.Apply(harness.Server.Estate, 0.1, DateTimeOffset.UtcNow);
        await harness.CollectAsync(fast, directory: direct + "-2", since: direct);
        await harness.CollectAsync(aggregated, directory: viaAggregator + "-2", since: viaAggregator);

        var requests = harness.Server.Requests;
        Assert.Empty(requests.SelectMany(r => ServiceModels.Check(r.Service, r.Operation, Input(r)).Select(p => $"{r.Service}:{r.Operation}: {p}")).Distinct());
        Assert.Contains(requests, r => r.Operation == "DescribeConfigurationRecorderStatus");
        Assert.Contains(requests, r => r.Operation == "DescribeConfigurationRecorders");
        Assert.Contains(requests, r => r.Operation == "DescribeConfigurationAggregatorSourcesStatus");
        Assert.Contains(requests, r => r.Operation == "GetResources" && r.JsonInput.Contains("ResourceARNList", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GetResourceShares")]
    [InlineData("ListResources")]
    [InlineData("ListPrincipals")]
    public void EachRamOperationIsServedAtThePathAndMethodOfItsModel(string operation)
    {
        AwsCli.Require();

        var (method, path) = ServiceModels.Http("ram", operation);

        // The server knows a RAM operation by its path alone, as RAM does; RamClient posts to the same paths (RamCliTests).
        Assert.Equal("POST", method);
        Assert.Equal(operation, RamHandler.OperationOf(path));
    }

    [Theory]
    [InlineData("ListLayers", "/2018-10-31/layers")]
    [InlineData("GetLayerVersionPolicy", "/2018-10-31/layers/shared-libs/versions/3/policy")]
    public void EachLambdaOperationIsServedAtThePathAndMethodOfItsModel(string operation, string path)
    {
        AwsCli.Require();

        var (method, requestUri) = ServiceModels.Http("lambda", operation);

        // The model's path with its labels filled in as LambdaClient fills them; the server knows the operation by it alone.
        Assert.Equal("GET", method);
        Assert.Equal(path, requestUri.Replace("{LayerName}", "shared-libs", StringComparison.Ordinal).Replace("{VersionNumber}", "3", StringComparison.Ordinal));
        Assert.Equal(operation, ServicePolicyHandler.LambdaOperationOf(method, path));
    }

    [Fact]
    public void TheModelCheckCatchesAPageTooLargeAnUnknownMemberAndAMissingOne()
    {
        AwsCli.Require();

        var problems = ServiceModels.Check("config", "SelectResourceConfig", JsonNode.Parse("""{"Limit": 500, "Query": "SELECT 1"}"""));

        Assert.Equal(
            ["SelectResourceConfig.Query is not in the model", "SelectResourceConfig.Expression is required", "SelectResourceConfig.Limit = 500 is outside [0, 100]"],
            problems);
    }

    /// <summary>The input as the model sees it: the JSON body, or the form without Action and Version.</summary>
    private static JsonNode? Input(RecordedRequest request)
    {
        if (request.JsonInput.Length > 0)
        {
            return JsonNode.Parse(request.JsonInput);
        }
        var form = new JsonObject();
        var names = request.Service == "ec2" ? Ec2Names(request.Operation) : [];
        foreach (var (key, value) in request.FormInput.Where(p => p.Key is not "Action" and not "Version"))
        {
            JsonNode item = int.TryParse(value, out var number) ? number : value;
            // EC2's Query form lists a list's items flat under the member's serialized name: Owner.1=self is OwnerIds ["self"].
            var parts = key.Split('.');
            if (parts.Length == 2 && int.TryParse(parts[1], out _) && names.TryGetValue(parts[0], out var list))
            {
                ((form[list] ??= new JsonArray()) as JsonArray)!.Add(item);
                continue;
            }
            form[names.GetValueOrDefault(key, key)] = item;
        }
        return form;
    }

    /// <summary>The name EC2's Query protocol sends each input member under (queryName, else locationName capitalised), to its model name.</summary>
    private static Dictionary<string, string> Ec2Names(string operation)
    {
        var model = ServiceModels.Model("ec2");
        var shape = model["operations"]?[operation]?["input"]?["shape"]?.GetValue<string>();
        var members = shape is null ? [] : model["shapes"]![shape]!["members"]!.AsObject();
        return members.ToDictionary(m => m.Value!["queryName"]?.GetValue<string>()
            ?? (m.Value!["locationName"]?.GetValue<string>() is { Length: > 0 } l ? char.ToUpperInvariant(l[0]) + l[1..] : m.Key), m => m.Key, StringComparer.Ordinal);
    }
}
