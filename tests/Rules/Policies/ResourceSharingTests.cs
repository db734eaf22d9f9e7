using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// Cloud Custodian's recorded (placebo) responses for its snapshot, AMI and peering cross-account filters:
/// each attribute response is placed where the scanner keeps it and judged by <see cref="ResourceSharing"/>.
/// The expected resources are those expected-results.csv transcribes from Custodian's assertions.
/// </summary>
public sealed class ResourceSharingTests(ITestOutputHelper output)
{
    private const string Owner = CustodianAccount.Id;

    private static readonly Estate CustodianEstate = CustodianAccount.Estate;

    public static TheoryData<string, string[]> Scenarios() => new()
    {
        { "test_ebs_cross_account", ["snap-7f9496cf", "snap-af0eb71b"] },
        { "test_rds_snapshot_access", ["tidx-pub", "tidx-rdx"] },
        { "test_rds_cluster_snapshot_cross_account_everyone_only", ["c7n-testing-public", "c7n-testing-shared"] },
        { "test_ami_cross_accounts", ["ami-a63ae2db"] },
        { "test_peer_cross_account", ["pcx-f368979b"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void TheResourcesCustodianFlagsAreExactlyThoseSharedBeyondTheCustomer(string scenario, string[] flagged)
    {
        Assert.Contains(Csv.Read(Fixtures.Real("resource-exposure", "cloud-custodian", "expected-results.csv")), r => r["scenario_dir"] == scenario);
        var resources = Build(scenario);

        var ours = resources.Where(r => ResourceSharing.Grants(r, CustodianEstate)!.Any(g => g.IsForeign)).Select(r => r.Id).ToList();

        foreach (var resource in resources)
        {
            output.WriteLine($"{scenario}: {resource.Id}: {ResourceSharing.Describe(ResourceSharing.Grants(resource, CustodianEstate)!)}");
        }
        Assert.Equal(flagged.Order(StringComparer.Ordinal), ours.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASnapshotSharedWithItsOwnAccountAndAForeignOneReportsOnlyTheForeignOne()
    {
        var snapshot = Build("test_ebs_cross_account").Single(r => r.Id == "snap-7f9496cf");

        var foreign = ResourceSharing.Grants(snapshot, CustodianEstate)!.Where(g => g.IsForeign).ToList();

        Assert.Equal(("619193117841", GrantKind.UnknownAccount), (Assert.Single(foreign).Grantee, foreign[0].Kind));
    }

    [Fact]
    public void ASnapshotWhoseSharingWasNotCollectedHasNoGrantsRatherThanNone()
    {
        var snapshot = Item("AWS::EC2::Snapshot", "snap-1", new JsonObject());

        Assert.Null(ResourceSharing.Grants(snapshot, CustodianEstate));
    }

    private static List<Resource> Build(string scenario)
    {
        var directory = Fixtures.Real("resource-exposure", "cloud-custodian", scenario);
        IEnumerable<JsonNode> Recorded(string prefix) => Directory.GetFiles(directory, prefix + "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!["data"]!);
        return scenario switch
        {
            "test_ebs_cross_account" => Recorded("ec2.DescribeSnapshotAttribute").Select(a => Item("AWS::EC2::Snapshot", a["SnapshotId"]!.GetValue<string>(),
                new JsonObject { ["CreateVolumePermissions"] = a.DeepClone() })).ToList(),
            "test_rds_snapshot_access" => Recorded("rds.DescribeDBSnapshotAttributes").Select(a => a["DBSnapshotAttributesResult"]!).Select(a => Item("AWS::RDS::DBSnapshot",
                a["DBSnapshotIdentifier"]!.GetValue<string>(), new JsonObject { ["DBSnapshotAttributes"] = a["DBSnapshotAttributes"]!.DeepClone() })).ToList(),
            "test_rds_cluster_snapshot_cross_account_everyone_only" => Recorded("rds.DescribeDBClusterSnapshotAttributes").Select(a => a["DBClusterSnapshotAttributesResult"]!)
                .Select(a => Item("AWS::RDS::DBClusterSnapshot", a["DBClusterSnapshotIdentifier"]!.GetValue<string>(),
                    new JsonObject { ["DBClusterSnapshotAttributes"] = a["DBClusterSnapshotAttributes"]!.DeepClone() })).ToList(),
            "test_ami_cross_accounts" => Recorded("ec2.DescribeImageAttribute").Select(a => Item("AWS::EC2::Image", a["ImageId"]!.GetValue<string>(),
                new JsonObject { ["LaunchPermissions"] = a["LaunchPermissions"]!.DeepClone() })).ToList(),
            "test_peer_cross_account" => Recorded("ec2.DescribeVpcPeeringConnections").SelectMany(d => d["VpcPeeringConnections"]!.AsArray())
                .Select(p => Item("AWS::EC2::VPCPeeringConnection", p!["VpcPeeringConnectionId"]!.GetValue<string>(), new JsonObject(), p.DeepClone())).ToList(),
            _ => throw new ArgumentException($"no recorded sharing is read for {scenario}", nameof(scenario)),
        };
    }

    private static Resource Item(string type, string id, JsonObject supplementary, JsonNode? configuration = null)
    {
        var item = new JsonObject
        {
            ["resourceType"] = type,
            ["resourceId"] = id,
            ["resourceName"] = id,
            ["ARN"] = $"arn:aws:test:us-east-1:{Owner}:{id}",
            ["awsAccountId"] = Owner,
            ["awsRegion"] = "us-east-1",
            ["configuration"] = configuration ?? new JsonObject(),
            ["supplementaryConfiguration"] = supplementary,
        };
        return ConfigurationItems.ToResource(JsonDocument.Parse(item.ToJsonString()).RootElement.Clone());
    }
}
