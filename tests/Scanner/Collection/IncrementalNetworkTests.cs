using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Snapshots;
using static Ocado.Guardrails.Tests.Scanner.Collection.CollectNetworkTests;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `collect --since`: the EC2 network outputs that AWS Config watches are copied from the previous snapshot where Config
/// shows no change of their types, and read where it does, where the recorder does not record them continuously, or
/// where they hold what changes without a Config item; the rest is read every night. The second night's network files
/// are those of a full collection of the same state, and scan to the same findings.
/// </summary>
public sealed class IncrementalNetworkTests
{
    [Fact]
    public async Task ASecondNightCopiesWhatConfigShowsUnchangedAndSeesEveryChangeMadeBetweenTheNights()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, _, other, isolated) = PlantHub(harness);
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        var before = Scan(harness.ReadCollected(first), harness);

        // Between the nights: isolated's VPC gains a route to the hub's gateway and an attachment that its table
        // propagates into (a route table change Config records, and attachments and routes, read every night), and
        // other's endpoint service stops admitting isolated (permissions: no Config item, read every night).
        var network = harness.Server.Estate.Accounts[isolated].Network[Region];
        network[NetworkOutputs.RouteTables]["RouteTables"]![0]!["Routes"]!.AsArray()
            .Add(new JsonObject { ["DestinationCidrBlock"] = "10.0.0.0/8", ["TransitGatewayId"] = Gateway, ["Origin"] = "CreateRoute", ["State"] = "active" });
        AddConfigItem(harness, isolated, "AWS::EC2::RouteTable", $"rtb-0{isolated[^8..]}", $"arn:aws:ec2:{Region}:{isolated}:route-table/rtb-0{isolated[^8..]}", DateTimeOffset.UtcNow);
        var hubNetwork = harness.Server.Estate.Accounts[hub].Network[Region];
        var attachment = hubNetwork[NetworkOutputs.Attachments]["TransitGatewayAttachments"]![0]!.DeepClone().AsObject();
        (attachment["TransitGatewayAttachmentId"], attachment["ResourceOwnerId"], attachment["ResourceId"]) = ($"tgw-attach-0{isolated[^8..]}", isolated, Vpc(isolated));
        hubNetwork[NetworkOutputs.Attachments]["TransitGatewayAttachments"]!.AsArray().Add(attachment);
        // The shared table's own lists say so too, as AWS's would (they outrank the attachment's Association).
        hubNetwork[$"{NetworkOutputs.RouteTableAssociations}/{SharedTable}"]["Associations"]!.AsArray().Add(Link(attachment, "associated"));
        hubNetwork[$"{NetworkOutputs.RouteTablePropagations}/{SharedTable}"]["TransitGatewayRouteTablePropagations"]!.AsArray().Add(Link(attachment, "enabled"));
        hubNetwork[$"{NetworkOutputs.TransitGatewayRoutes}/{SharedTable}"]["Routes"]!.AsArray().Add(new JsonObject
        {
            ["DestinationCidrBlock"] = "10.3.0.0/16", ["Type"] = "propagated", ["State"] = "active",
            ["TransitGatewayAttachments"] = new JsonArray(new JsonObject { ["ResourceId"] = Vpc(isolated), ["TransitGatewayAttachmentId"] = $"tgw-attach-0{isolated[^8..]}", ["ResourceType"] = "vpc" }),
        });
        harness.Server.Estate.Accounts[other].Network[Region][$"{NetworkOutputs.EndpointServicePermissions}/{Service}"]["AllowedPrincipals"]!.AsArray().RemoveAt(1);

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "ec2");

        Assert.Empty(summary.Gaps);
        Assert.DoesNotContain(summary.Incremental!.Full, f => f.Source == CoverageGap.Sources.Network);
        // Copied: every VPC, gateway, table list, endpoint service list, security group and network ACL output; the one
        // route table output with a Config change is read again.
        Assert.DoesNotContain(calls, c => ConfigWatched.Contains(c.Operation) && c.Operation != "DescribeRouteTables");
        Assert.Equal([(isolated, Region)], calls.Where(c => c.Operation == "DescribeRouteTables").Select(c => (c.Account, c.Region)));
        // Read every night where they are listed (the hub's three attachments in two pages of two); copied where the
        // account lists none and owns no transit gateway, and Config shows no attachment created.
        Assert.Equal([(hub, Region)], calls.Where(c => c.Operation == "DescribeTransitGatewayAttachments").Select(c => (c.Account, c.Region)).Distinct());
        Assert.Equal(1, calls.Count(c => c.Operation == "SearchTransitGatewayRoutes"));
        Assert.Equal(1, calls.Count(c => c.Operation == "DescribeVpcEndpointServicePermissions"));
        // The same files as a full collection of the same state, and the same findings: the changes are seen.
        Assert.Equal(NetworkFiles(full, harness), NetworkFiles(second, harness));
        var after = Scan(harness.ReadCollected(second), harness);
        Assert.Equal(Scan(harness.ReadCollected(full), harness), after);
        Assert.Contains($"segregation-vpc-no-route-to-foreign-customer {Vpc(isolated)} Pass", string.Join("\n", before), StringComparison.Ordinal);
        Assert.DoesNotContain($"segregation-vpc-no-route-to-foreign-customer {Vpc(isolated)} Pass", string.Join("\n", after), StringComparison.Ordinal);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task WhatTheRecorderDoesNotRecordContinuouslyAndWhatChangesWithoutAConfigItemIsReadEveryNight()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, same, other, isolated) = PlantHub(harness);
        // isolated's route table learns routes from a virtual private gateway (BGP): no call of the account changes them.
        var isolatedTables = harness.Server.Estate.Accounts[isolated].Network[Region][NetworkOutputs.RouteTables];
        isolatedTables["RouteTables"]![0]!["PropagatingVgws"] = new JsonArray(new JsonObject { ["GatewayId"] = "vgw-0a1b2c3d4e5f60789" });
        var first = Path.Combine(harness.Output.Path, "night-1");
        await harness.CollectAsync(CollectionHarness.FastSettings(), directory: first);
        // hub's recorder records only VPCs and transit gateways; other's records security groups daily; same's previous
        // security group file is not what collect writes.
        // A recording group is changed by a call CloudTrail records (PutConfigurationRecorder): the second night describes the recorder again.
        harness.Server.Estate.Accounts[hub].RecordEvent(Region, "config.amazonaws.com", "PutConfigurationRecorder");
        harness.Server.Faults.Recording[(hub, Region)] = (new JsonObject
        {
            ["allSupported"] = false, ["resourceTypes"] = new JsonArray("AWS::EC2::VPC", "AWS::EC2::TransitGateway"),
            ["recordingStrategy"] = new JsonObject { ["useOnly"] = "INCLUSION_BY_RESOURCE_TYPES" },
        }, new JsonObject { ["recordingFrequency"] = "CONTINUOUS" });
        // A recording group is changed by a call CloudTrail records (PutConfigurationRecorder): the second night describes the recorder again.
        harness.Server.Estate.Accounts[other].RecordEvent(Region, "config.amazonaws.com", "PutConfigurationRecorder");
        harness.Server.Faults.Recording[(other, Region)] = (new JsonObject
        {
            ["allSupported"] = true, ["recordingStrategy"] = new JsonObject { ["useOnly"] = "ALL_SUPPORTED_RESOURCE_TYPES" },
        }, new JsonObject
        {
            ["recordingFrequency"] = "CONTINUOUS",
            ["recordingModeOverrides"] = new JsonArray(new JsonObject { ["resourceTypes"] = new JsonArray("AWS::EC2::SecurityGroup"), ["recordingFrequency"] = "DAILY" }),
        });
        File.WriteAllText(Path.Combine(first, SnapshotLayout.NetworkFile(same, Region, NetworkOutputs.SecurityGroups)), "{\"SecurityGroups\": [{\"GroupId\": 7}]}");
        // Changes no Config item records: a propagated route, and hub's route tables (its recorder does not record them).
        isolatedTables["RouteTables"]![0]!["Routes"]!.AsArray().Add(new JsonObject
            { ["DestinationCidrBlock"] = "192.168.0.0/16", ["GatewayId"] = "vgw-0a1b2c3d4e5f60789", ["Origin"] = "EnableVgwRoutePropagation", ["State"] = "active" });
        var hubNetwork = harness.Server.Estate.Accounts[hub].Network[Region];
        hubNetwork[NetworkOutputs.TransitGatewayRouteTables]["TransitGatewayRouteTables"]!.AsArray().Add(new JsonObject
        {
            ["TransitGatewayRouteTableId"] = NewTable, ["TransitGatewayId"] = Gateway, ["State"] = "available",
            ["DefaultAssociationRouteTable"] = false, ["DefaultPropagationRouteTable"] = false,
        });
        hubNetwork[$"{NetworkOutputs.TransitGatewayRoutes}/{NewTable}"] = Output("Routes");

        var (second, summary, calls, full) = await harness.CollectSecondNightAsync(first, "ec2");

        Assert.Empty(summary.Gaps);
        var fallbacks = summary.Incremental!.Full.Where(f => f.Source == CoverageGap.Sources.Network).ToList();
        Assert.Equal([(hub, Region), (other, Region)], fallbacks.Select(f => (f.AccountId, f.Region)));
        Assert.Contains("describe-route-tables: the Config recorder does not record AWS::EC2::RouteTable", fallbacks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("describe-transit-gateway-route-tables: the Config recorder does not record AWS::EC2::TransitGatewayRouteTable", fallbacks[0].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("describe-vpcs", fallbacks[0].Reason, StringComparison.Ordinal);
        Assert.Equal("describe-security-groups: the Config recorder records AWS::EC2::SecurityGroup DAILY, not continuously", fallbacks[1].Reason);
        // Read: what hub's recorder does not record, other's security groups (recorded daily), same's unusable previous file
        // and isolated's route tables (a virtual private gateway propagates into one); every other watched output copied.
        string[] expected =
        [
            .. new[] { "DescribeRouteTables", "DescribeSecurityGroups", "DescribeNetworkAcls", "DescribeTransitGatewayRouteTables", "DescribeVpcEndpointServiceConfigurations" }.Select(o => $"{hub} {o}"),
            $"{other} DescribeSecurityGroups", $"{same} DescribeSecurityGroups", $"{isolated} DescribeRouteTables",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), calls
            .Where(c => ConfigWatched.Contains(c.Operation)).Select(c => $"{c.Account} {c.Operation}").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(calls, c => c.Region != Region && ConfigWatched.Contains(c.Operation));
        Assert.Equal(2, calls.Count(c => c.Operation == "SearchTransitGatewayRoutes"));
        Assert.Equal(NetworkFiles(full, harness), NetworkFiles(second, harness));
        Assert.Equal(Scan(harness.ReadCollected(full), harness), Scan(harness.ReadCollected(second), harness));
        Assert.Contains("EnableVgwRoutePropagation", File.ReadAllText(Path.Combine(second, SnapshotLayout.NetworkFile(isolated, Region, NetworkOutputs.RouteTables))), StringComparison.Ordinal);
    }

    private const string NewTable = "tgw-rtb-0f0e0d0c0b0a09080";

    /// <summary>The EC2 calls of the outputs Config watches (ConfigWatchedOutput.Network).</summary>
    private static readonly string[] ConfigWatched =
        ["DescribeVpcs", "DescribeRouteTables", "DescribeTransitGateways", "DescribeTransitGatewayRouteTables", "DescribeVpcEndpointServiceConfigurations", "DescribeSecurityGroups", "DescribeNetworkAcls"];

    /// <summary>Every network file of a snapshot, by its path, as canonical JSON.</summary>
    internal static SortedDictionary<string, string> NetworkFiles(string snapshot, CollectionHarness harness)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in harness.Estate.Accounts)
        {
            var folder = SnapshotLayout.Network(Path.Combine(snapshot, account));
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories) : [])
            {
                files[Path.GetRelativePath(snapshot, file)] = JsonNode.Parse(File.ReadAllText(file))!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
            }
        }
        Assert.NotEmpty(files);
        return files;
    }
}
