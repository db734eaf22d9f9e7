using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Tests.Scanner.Collection;

/// <summary>
/// `guardrails collect` reads the EC2 network of every account and region through AWSSDK.EC2 into network/REGION/, and
/// the collected snapshot scans to the findings of the same estate written as snapshot files: a hub transit gateway in
/// customer-0's first account whose one route table both customers' VPCs associate with and propagate into.
/// </summary>
public sealed class CollectNetworkTests
{
    internal const string Region = "eu-west-1";
    internal const string Gateway = "tgw-0a1b2c3d4e5f60789";
    internal const string SharedTable = "tgw-rtb-0a1b2c3d4e5f60789";
    internal const string Service = "vpce-svc-0a1b2c3d4e5f60789";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AHubEstateCollectedLiveScansToTheFindingsOfItsSnapshotFiles()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, sameCustomer, other, isolated) = PlantHub(harness);

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        Assert.Empty(summary.Gaps);
        foreach (var account in harness.Estate.Accounts)
        {
            foreach (var region in harness.Estate.Regions)
            {
                Assert.All(NetworkOutputs.Commands.Concat(NetworkOutputs.Filters).Concat(NetworkOutputs.Details), command =>
                    Assert.True(File.Exists(Path.Combine(harness.SnapshotDirectory, SnapshotLayout.NetworkFile(account, region, command))), $"{account} {region} {command}"));
            }
        }
        Assert.True(File.Exists(Path.Combine(harness.SnapshotDirectory, SnapshotLayout.GatewayRoutesFile(hub, Region, SharedTable))));
        Assert.True(File.Exists(Path.Combine(harness.SnapshotDirectory, SnapshotLayout.NetworkItemFile(other, Region, NetworkOutputs.EndpointServicePermissions, Service))));
        Assert.All(NetworkOutputs.RouteTableCalls, call =>
            Assert.True(File.Exists(Path.Combine(harness.SnapshotDirectory, SnapshotLayout.NetworkItemFile(hub, Region, call, SharedTable))), call));
        var vpns = File.ReadAllText(Path.Combine(harness.SnapshotDirectory, SnapshotLayout.NetworkFile(hub, Region, NetworkOutputs.VpnConnections)));
        Assert.Contains(Vpn, vpns, StringComparison.Ordinal);
        Assert.DoesNotContain(TunnelKey, vpns, StringComparison.Ordinal);
        Assert.DoesNotContain("pre_shared_key", vpns, StringComparison.Ordinal);

        var collected = harness.ReadCollected();
        Assert.Empty(collected.Network.Gaps);
        Assert.True(collected.Network.Graph.AssociationsListed(SharedTable));
        Assert.Equal(2, collected.Network.Graph.PropagationsInto(SharedTable)!.Count);
        Assert.Equal("vpce-0a1b2c3d4e5f60789", Assert.Single(collected.Network.Graph.EndpointsOf(Vpc(sameCustomer))).EndpointId);
        Assert.False(collected.Network.Graph.Vpn(Vpn)!.StaticRoutesOnly);
        var live = Scan(collected, harness);
        var files = Scan(harness.ReadServed(), harness);
        Assert.Equal(files, live);
        var verdicts = live.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
        var all = string.Join("\n", live);
        Assert.True(verdicts.Contains($"segregation-vpc-no-route-to-foreign-customer {Vpc(sameCustomer)} Fail"), all);
        Assert.True(live.Any(l => l.StartsWith($"segregation-vpc-no-route-to-foreign-customer {Vpc(other)} Fail", StringComparison.Ordinal) && l.Contains(SharedTable, StringComparison.Ordinal)), all);
        Assert.True(verdicts.Contains($"segregation-vpc-no-route-to-foreign-customer {Vpc(isolated)} Pass"), all);
        Assert.True(verdicts.Contains($"segregation-endpoint-service-no-foreign-principals {Service} Fail"), all);
    }

    [Fact]
    public async Task ADeniedCallIsAGapNamingItsAccountRegionAndCallAndAPathThroughWhatItHidIsNotAssessedNeverPass()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, sameCustomer, _, isolated) = PlantHub(harness);
        harness.Server.Ec2.Denied[(hub, "DescribeTransitGatewayRouteTables")] = true;
        harness.Server.Faults.ThrottleFraction = 0.2;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        // The one call denied, in each region of the hub, and nothing else.
        Assert.Equal(harness.Estate.Regions.Order(StringComparer.Ordinal), summary.Gaps.Select(g => g.Region!).Order(StringComparer.Ordinal));
        Assert.All(summary.Gaps, gap =>
        {
            Assert.Equal((hub, CoverageGap.Sources.Network), (gap.AccountId, gap.Source));
            Assert.StartsWith("access denied: ec2:DescribeTransitGatewayRouteTables: UnauthorizedOperation", gap.Reason, StringComparison.Ordinal);
        });
        Assert.False(File.Exists(Path.Combine(harness.SnapshotDirectory, SnapshotLayout.NetworkFile(hub, Region, NetworkOutputs.TransitGatewayRouteTables))));
        // A fifth of the calls throttled (EC2's 503 RequestLimitExceeded) and retried by our one policy: every request the
        // server saw is one our statistics counted, so the SDK retried nothing on its own, past the rate limiter.
        Assert.Contains(harness.Server.Requests, r => r.Service == "ec2" && r.Status == 503);
        Assert.Equal(harness.Server.Requests.Count, summary.Statistics!.Requests);

        var live = Scan(harness.ReadCollected(), harness);
        var all = string.Join("\n", live);
        // A VPC attached to the gateway whose route tables were not read: its paths cannot be followed, never Pass.
        var attached = Assert.Single(live, l => l.StartsWith($"segregation-vpc-no-route-to-foreign-customer {Vpc(sameCustomer)} ", StringComparison.Ordinal));
        Assert.Contains("NotAssessed", attached, StringComparison.Ordinal);
        Assert.Contains(hub, attached, StringComparison.Ordinal);
        // A VPC with no route to the gateway: nothing its paths could cross went unread, so it is judged (docs/network.md, path scope).
        Assert.Contains($"segregation-vpc-no-route-to-foreign-customer {Vpc(isolated)} Pass", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeniedListOfAssociationsIsAGapNamingTheCallAndTheAttachmentsAssociationStandsInForIt()
    {
        await using var harness = await CollectionHarness.StartAsync(accounts: 4, resourcesPerRegion: 2, maxPage: 2);
        var (hub, sameCustomer, other, _) = PlantHub(harness);
        harness.Server.Ec2.Denied[(hub, "GetTransitGatewayRouteTableAssociations")] = true;

        var summary = await harness.CollectAsync(CollectionHarness.FastSettings());

        var gap = Assert.Single(summary.Gaps);
        Assert.Equal((hub, Region, CoverageGap.Sources.Network), (gap.AccountId, gap.Region, gap.Source));
        Assert.StartsWith("access denied: ec2:GetTransitGatewayRouteTableAssociations: UnauthorizedOperation", gap.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(harness.SnapshotDirectory, SnapshotLayout.NetworkItemFile(hub, Region, NetworkOutputs.RouteTableAssociations, SharedTable))));
        var collected = harness.ReadCollected();
        Assert.False(collected.Network.Graph.AssociationsListed(SharedTable));
        // The shared table is still found through the attachments' own Association: the path is reported, the gap listed.
        var live = Scan(collected, harness);
        Assert.Contains(live, l => l.StartsWith($"segregation-vpc-no-route-to-foreign-customer {Vpc(sameCustomer)} Fail", StringComparison.Ordinal));
        Assert.Contains(live, l => l.StartsWith($"segregation-vpc-no-route-to-foreign-customer {Vpc(other)} Fail", StringComparison.Ordinal));
    }

    internal static List<string> Scan(Snapshot snapshot, CollectionHarness harness)
    {
        var evaluator = new Evaluator(Support.Catalog.Rules, harness.Estate, new Inventory(snapshot.Resources), _ => RuleParams.Empty, Now, network: snapshot.Network);
        var scan = new ScanEvaluator(evaluator, harness.Estate, snapshot.Gaps) { IncludePasses = true };
        return scan.Run(snapshot.Resources, TestContext.Current.CancellationToken).Findings
            .Where(f => f.RuleId.StartsWith("segregation-vpc", StringComparison.Ordinal) || f.RuleId.StartsWith("segregation-transit", StringComparison.Ordinal) || f.RuleId.StartsWith("segregation-endpoint", StringComparison.Ordinal))
            .Select(f => $"{f.RuleId} {f.ResourceArn[(f.ResourceArn.LastIndexOf('/') + 1)..]} {f.Verdict}: {f.Message} {f.Evidence}")
            .Order(StringComparer.Ordinal).ToList();
    }

    internal static string Vpc(string account) => $"vpc-0{account[^8..]}00000000";

    /// <summary>
    /// customer-0 = (hub, sameCustomer), customer-1 = (other, isolated). The hub's gateway has one route table that
    /// sameCustomer's and other's VPCs both associate with and propagate into; isolated's VPC has no route to the gateway;
    /// other's endpoint service admits sameCustomer's account.
    /// </summary>
    internal static (string Hub, string SameCustomer, string Other, string Isolated) PlantHub(CollectionHarness harness)
    {
        var accounts = harness.Estate.Accounts.Order(StringComparer.Ordinal).ToList();
        var (hub, same, other, isolated) = (accounts[0], accounts[1], accounts[2], accounts[3]);
        var blocks = new Dictionary<string, string> { [hub] = "10.0.0.0/16", [same] = "10.1.0.0/16", [other] = "10.2.0.0/16", [isolated] = "10.3.0.0/16" };
        foreach (var account in accounts)
        {
            var routes = new JsonArray(new JsonObject { ["DestinationCidrBlock"] = blocks[account], ["GatewayId"] = "local", ["Origin"] = "CreateRouteTable", ["State"] = "active" });
            if (account == same || account == other)
            {
                routes.Add(new JsonObject { ["DestinationCidrBlock"] = "10.0.0.0/8", ["TransitGatewayId"] = Gateway, ["Origin"] = "CreateRoute", ["State"] = "active" });
            }
            Serve(harness, account, new()
            {
                [NetworkOutputs.Vpcs] = Output("Vpcs", new JsonObject
                {
                    ["CidrBlock"] = blocks[account], ["DhcpOptionsId"] = "dopt-19edf471", ["State"] = "available", ["VpcId"] = Vpc(account), ["OwnerId"] = account,
                    ["InstanceTenancy"] = "default", ["IsDefault"] = false,
                    ["CidrBlockAssociationSet"] = new JsonArray(new JsonObject { ["AssociationId"] = $"vpc-cidr-assoc-0{account[^8..]}", ["CidrBlock"] = blocks[account], ["CidrBlockState"] = new JsonObject { ["State"] = "associated" } }),
                    ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "Name", ["Value"] = $"vpc of {account}" }),
                }),
                [NetworkOutputs.RouteTables] = Output("RouteTables", new JsonObject
                {
                    ["RouteTableId"] = $"rtb-0{account[^8..]}", ["VpcId"] = Vpc(account), ["OwnerId"] = account, ["Routes"] = routes,
                    ["Associations"] = new JsonArray(new JsonObject { ["Main"] = true, ["RouteTableAssociationId"] = $"rtbassoc-0{account[^8..]}", ["RouteTableId"] = $"rtb-0{account[^8..]}" }),
                }),
            });
            AddConfigItem(harness, account, "AWS::EC2::VPC", Vpc(account), $"arn:aws:ec2:{Region}:{account}:vpc/{Vpc(account)}");
        }
        var attachments = new[] { same, other }.Select((account, i) => new JsonObject
        {
            ["TransitGatewayAttachmentId"] = $"tgw-attach-0{account[^8..]}", ["TransitGatewayId"] = Gateway, ["TransitGatewayOwnerId"] = hub,
            ["ResourceOwnerId"] = account, ["ResourceType"] = "vpc", ["ResourceId"] = Vpc(account), ["State"] = "available",
            ["Association"] = new JsonObject { ["TransitGatewayRouteTableId"] = SharedTable, ["State"] = "associated" }, ["CreationTime"] = $"2026-0{i + 1}-15T10:00:00.000Z",
        }).ToArray();
        Serve(harness, hub, new()
        {
            [NetworkOutputs.TransitGateways] = Output("TransitGateways", new JsonObject
            {
                ["TransitGatewayId"] = Gateway, ["TransitGatewayArn"] = $"arn:aws:ec2:{Region}:{hub}:transit-gateway/{Gateway}", ["State"] = "available", ["OwnerId"] = hub,
                ["CreationTime"] = "2026-01-01T09:30:15.250Z",
                ["Options"] = new JsonObject
                {
                    ["AmazonSideAsn"] = 64512, ["AutoAcceptSharedAttachments"] = "disable", ["DefaultRouteTableAssociation"] = "disable", ["DefaultRouteTablePropagation"] = "disable",
                    ["VpnEcmpSupport"] = "enable", ["DnsSupport"] = "enable",
                },
            }),
            [NetworkOutputs.Attachments] = Output("TransitGatewayAttachments", attachments),
            [NetworkOutputs.TransitGatewayRouteTables] = Output("TransitGatewayRouteTables", new JsonObject
            {
                ["TransitGatewayRouteTableId"] = SharedTable, ["TransitGatewayId"] = Gateway, ["State"] = "available", ["DefaultAssociationRouteTable"] = false, ["DefaultPropagationRouteTable"] = false,
            }),
            [$"{NetworkOutputs.TransitGatewayRoutes}/{SharedTable}"] = new JsonObject
            {
                ["Routes"] = new JsonArray(attachments.Select(a => (JsonNode)new JsonObject
                {
                    ["DestinationCidrBlock"] = blocks[a["ResourceOwnerId"]!.GetValue<string>()], ["Type"] = "propagated", ["State"] = "active",
                    ["TransitGatewayAttachments"] = new JsonArray(new JsonObject { ["ResourceId"] = a["ResourceId"]!.DeepClone(), ["TransitGatewayAttachmentId"] = a["TransitGatewayAttachmentId"]!.DeepClone(), ["ResourceType"] = "vpc" }),
                }).ToArray()),
                ["AdditionalRoutesAvailable"] = false,
            },
            // The table's own lists agree with the attachments' Association: the scan is the same either way.
            [$"{NetworkOutputs.RouteTableAssociations}/{SharedTable}"] = Output("Associations", [.. attachments.Select(a => Link(a, "associated"))]),
            [$"{NetworkOutputs.RouteTablePropagations}/{SharedTable}"] = Output("TransitGatewayRouteTablePropagations", [.. attachments.Select(a => Link(a, "enabled"))]),
            [NetworkOutputs.VpnConnections] = Output("VpnConnections", new JsonObject
            {
                ["CustomerGatewayConfiguration"] = $"<vpn_connection id=\"{Vpn}\"><ike><pre_shared_key>{TunnelKey}</pre_shared_key></ike></vpn_connection>",
                ["CustomerGatewayId"] = "cgw-01234567abcde1234", ["Category"] = "VPN", ["State"] = "available", ["Type"] = "ipsec.1", ["VpnConnectionId"] = Vpn,
                ["TransitGatewayId"] = Gateway,
                ["Options"] = new JsonObject
                {
                    ["StaticRoutesOnly"] = false,
                    ["TunnelOptions"] = new JsonArray(new JsonObject { ["OutsideIpAddress"] = "203.0.113.3", ["PreSharedKey"] = TunnelKey }),
                },
            }),
        });
        Serve(harness, same, new()
        {
            [NetworkOutputs.VpcEndpoints] = Output("VpcEndpoints", new JsonObject
            {
                ["VpcEndpointId"] = "vpce-0a1b2c3d4e5f60789", ["VpcEndpointType"] = "Gateway", ["VpcId"] = Vpc(same), ["ServiceName"] = $"com.amazonaws.{Region}.s3",
                ["State"] = "available", ["RouteTableIds"] = new JsonArray($"rtb-0{same[^8..]}"), ["OwnerId"] = same,
                ["PolicyDocument"] = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            }),
        });
        AddConfigItem(harness, hub, "AWS::EC2::TransitGateway", Gateway, $"arn:aws:ec2:{Region}:{hub}:transit-gateway/{Gateway}");
        Serve(harness, other, new()
        {
            [NetworkOutputs.EndpointServices] = Output("ServiceConfigurations", new JsonObject
            {
                ["ServiceType"] = new JsonArray(new JsonObject { ["ServiceType"] = "Interface" }), ["ServiceId"] = Service, ["ServiceName"] = $"com.amazonaws.vpce.{Region}.{Service}",
                ["ServiceState"] = "Available", ["AcceptanceRequired"] = true, ["ManagesVpcEndpoints"] = false,
            }),
            [$"{NetworkOutputs.EndpointServicePermissions}/{Service}"] = Output("AllowedPrincipals",
                new JsonObject { ["PrincipalType"] = "Account", ["Principal"] = $"arn:aws:iam::{same}:root" }, new JsonObject { ["PrincipalType"] = "Account", ["Principal"] = $"arn:aws:iam::{isolated}:root" }),
        });
        AddConfigItem(harness, other, "AWS::EC2::VPCEndpointService", Service, $"arn:aws:ec2:{Region}:{other}:vpc-endpoint-service/{Service}");
        return (hub, same, other, isolated);
    }

    internal const string Vpn = "vpn-0a1b2c3d4e5f60789";
    private const string TunnelKey = "example_tunnel_key_Vj6Vu.SzE";

    internal static JsonObject Link(JsonObject attachment, string state) => new()
    {
        ["TransitGatewayAttachmentId"] = attachment["TransitGatewayAttachmentId"]!.DeepClone(), ["ResourceId"] = attachment["ResourceId"]!.DeepClone(),
        ["ResourceType"] = "vpc", ["State"] = state,
    };

    internal static JsonObject Output(string list, params JsonObject[] items) => new() { [list] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()) };

    internal static void Serve(CollectionHarness harness, string account, Dictionary<string, JsonObject> outputs)
    {
        var network = harness.Server.Estate.Accounts[account].Network;
        if (!network.TryGetValue(Region, out var served))
        {
            served = network[Region] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        }
        foreach (var (name, output) in outputs)
        {
            served[name] = output;
        }
    }

    /// <summary>Config's item of a network resource, so that the rules judge it (they judge what Config records).</summary>
    internal static void AddConfigItem(CollectionHarness harness, string account, string type, string id, string arn, DateTimeOffset? capturedAt = null) =>
        harness.Server.Estate.Accounts[account].ConfigItems[Region].Add(new JsonObject
        {
            ["version"] = "1.3", ["accountId"] = account, ["configurationItemCaptureTime"] = (capturedAt ?? DateTimeOffset.FromUnixTimeSeconds(1764547200)).ToUnixTimeMilliseconds() / 1000.0, ["configurationItemStatus"] = "OK",
            ["configurationStateId"] = "1764547200000", ["arn"] = arn, ["resourceType"] = type, ["resourceId"] = id, ["resourceName"] = id, ["awsRegion"] = Region,
            ["availabilityZone"] = "Regional", ["configuration"] = new JsonObject { ["id"] = id }.ToJsonString(), ["supplementaryConfiguration"] = new JsonObject(),
        });
}
