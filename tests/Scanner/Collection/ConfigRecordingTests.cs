using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Scanner.Collection;
using Ocado.Guardrails.Tests.AwsServer;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// What the Config recorder records continuously, read from <c>DescribeConfigurationRecorders</c>: every recording
/// strategy, and a daily recording mode with its overrides, as the API reference shapes them (Debian's AWS CLI 2.9's model
/// predates <c>recordingStrategy</c>, <c>exclusionByResourceTypes</c> and <c>recordingMode</c> and drops them); and the
/// recording group that model knows, as that CLI prints the test server's answer.
/// </summary>
public sealed class ConfigRecordingTests
{
    private const string Region = "eu-west-1";

    [Theory]
    [InlineData("ALL_SUPPORTED_RESOURCE_TYPES", "", "CONTINUOUS", "", "AWS::EC2::VPC AWS::EC2::RouteTable", "")]
    [InlineData("EXCLUSION_BY_RESOURCE_TYPES", "AWS::EC2::RouteTable", "CONTINUOUS", "", "AWS::EC2::VPC", "AWS::EC2::RouteTable")]
    [InlineData("INCLUSION_BY_RESOURCE_TYPES", "AWS::EC2::VPC", "CONTINUOUS", "", "AWS::EC2::VPC", "AWS::EC2::RouteTable")]
    [InlineData("ALL_SUPPORTED_RESOURCE_TYPES", "", "DAILY", "AWS::EC2::VPC", "AWS::EC2::VPC", "AWS::EC2::RouteTable")]
    [InlineData("ALL_SUPPORTED_RESOURCE_TYPES", "", "CONTINUOUS", "AWS::EC2::VPC", "AWS::EC2::RouteTable", "AWS::EC2::VPC")]
    public void ATypeIsWatchedOnlyWhereTheRecorderRecordsItContinuously(string strategy, string types, string frequency, string overridden, string watched, string notWatched)
    {
        var list = new JsonArray(Split(types).Select(t => (JsonNode)t).ToArray());
        var group = new JsonObject { ["allSupported"] = strategy == "ALL_SUPPORTED_RESOURCE_TYPES", ["recordingStrategy"] = new JsonObject { ["useOnly"] = strategy } };
        group[strategy == "EXCLUSION_BY_RESOURCE_TYPES" ? "exclusionByResourceTypes" : "resourceTypes"] =
            strategy == "EXCLUSION_BY_RESOURCE_TYPES" ? new JsonObject { ["resourceTypes"] = list } : list;
        var overrides = overridden.Length == 0 ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["resourceTypes"] = new JsonArray(Split(overridden).Select(t => (JsonNode)t).ToArray()),
            ["recordingFrequency"] = frequency == "DAILY" ? "CONTINUOUS" : "DAILY",
        });
        var answer = new JsonObject
        {
            ["ConfigurationRecorders"] = new JsonArray(new JsonObject
            {
                ["name"] = "default", ["recordingGroup"] = group, ["recordingMode"] = new JsonObject { ["recordingFrequency"] = frequency, ["recordingModeOverrides"] = overrides },
            }),
        };
        using var document = JsonDocument.Parse(answer.ToJsonString());
        var recording = ConfigRecording.Of(document.RootElement);

        Assert.All(Split(watched), type => Assert.Null(recording.WhyNotWatched(type)));
        Assert.All(Split(notWatched), type => Assert.NotNull(recording.WhyNotWatched(type)));
    }

    [Fact]
    public async Task ARecordingGroupOfSomeTypesAsTheCliPrintsItWatchesThoseTypesOnly()
    {
        AwsCli.Require();
        await using var server = await AwsTestServer.StartAsync(EstateBuilder.Build(1, [Region], resourcesPerRegion: 1), maxPage: 4);
        var account = server.Estate.Accounts.Keys.Single();
        server.Faults.Recording[(account, Region)] = (new JsonObject { ["allSupported"] = false, ["resourceTypes"] = new JsonArray("AWS::EC2::VPC") }, new JsonObject());

        var printed = await AwsCli.AsAuditRoleAsync(server, account, Region, "configservice", "describe-configuration-recorders");
        using var answer = JsonDocument.Parse(printed.ToJsonString());
        var recording = ConfigRecording.Of(answer.RootElement);

        Assert.Null(recording.WhyNotWatched("AWS::EC2::VPC"));
        Assert.Equal("the Config recorder does not record AWS::EC2::RouteTable", recording.WhyNotWatched("AWS::EC2::RouteTable"));
    }

    [Theory]
    [InlineData("{\"ConfigurationRecorders\": []}", "no Config recorder is described")]
    [InlineData("{\"ConfigurationRecorders\": [{\"name\": \"default\"}]}", "the Config recorder does not record AWS::EC2::VPC")]
    [InlineData("{\"ConfigurationRecorders\": [{\"recordingGroup\": {\"allSupported\": true}, \"recordingMode\": {\"recordingFrequency\": \"HOURLY\"}}]}", "the Config recorder records AWS::EC2::VPC HOURLY, not continuously")]
    [InlineData("[7]", "no Config recorder is described")]
    public void AnAnswerNotOfItsShapeWatchesNothing(string answer, string reason)
    {
        using var document = JsonDocument.Parse(answer);

        Assert.Equal(reason, ConfigRecording.Of(document.RootElement).WhyNotWatched("AWS::EC2::VPC"));
    }

    private static string[] Split(string types) => types.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
