using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Rules.Network;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots;

/// <summary>Every account's network/ folder, as the AWS CLI prints each call, read into one view of the estate's routes.</summary>
public sealed class NetworkFilesTests
{
    private const string Hub = "999999999999";
    private const string Acme = "111111111111";
    private const string Globex = "333333333333";
    private const string Shared = "tgw-rtb-0a1b2c3d4e5f60718";
    private static readonly Estate Estate = new([new Customer("acme", "Acme", [Acme]), new Customer("globex", "Globex", [Globex])], [Hub], ["eu-west-1"]);

    /// <summary>Acme and Globex in one route table of the hub's gateway.</summary>
    private static NetworkSketch Network() => new NetworkSketch()
        .Vpc(Acme, "vpc-0aa11aa11aa11aa11", "10.1.0.0/16").Vpc(Globex, "vpc-0bb33bb33bb33bb33", "10.3.0.0/16").Vpc(Hub, "vpc-0cc99cc99cc99cc99", "10.9.0.0/16")
        .RouteTable(Acme, "rtb-0aa1aa1aa1aa1aa11", "vpc-0aa11aa11aa11aa11", routes: [("10.0.0.0/8", "tgw-0123456789abcdef0", "active")])
        .RouteTable(Globex, "rtb-0bb3bb3bb3bb3bb33", "vpc-0bb33bb33bb33bb33", routes: [("10.0.0.0/8", "tgw-0123456789abcdef0", "active")])
        .RouteTable(Hub, "rtb-0cc9cc9cc9cc9cc99", "vpc-0cc99cc99cc99cc99", routes: [("10.9.0.0/16", "local", "active")])
        .Gateway(Hub, "tgw-0123456789abcdef0")
        .Attachment(Hub, "tgw-attach-0aa1aa1aa1aa1aa11", "tgw-0123456789abcdef0", "vpc", "vpc-0aa11aa11aa11aa11", Acme, Shared)
        .Attachment(Hub, "tgw-attach-0bb3bb3bb3bb3bb33", "tgw-0123456789abcdef0", "vpc", "vpc-0bb33bb33bb33bb33", Globex, Shared)
        .GatewayTable(Hub, Shared, "tgw-0123456789abcdef0", routes: [("10.1.0.0/16", "propagated", "active", "tgw-attach-0aa1aa1aa1aa1aa11"), ("10.3.0.0/16", "propagated", "active", "tgw-attach-0bb3bb3bb3bb3bb33")]);

    private static NetworkView Read(string directory) => SnapshotReader.Read(directory, Estate).Network;

    [Fact]
    public void EveryAccountsOutputsJoinInOneGraphAcrossAccounts()
    {
        using var directory = new TemporaryDirectory();
        Network().WriteSnapshot(directory.Path);

        var view = Read(directory.Path);

        Assert.Empty(view.Gaps);
        Assert.Null(view.Unknown(Estate.Accounts));
        var path = Assert.Single(view.Graph.PathsFrom("vpc-0aa11aa11aa11aa11"));
        Assert.Equal(Globex, path.To.AccountId);
        Assert.Equal([Acme, Hub, Hub, Hub], path.There.Select(h => h.AccountId));
    }

    [Fact]
    public void AMalformedFileIsAGapNamingItAndTheRestIsStillRead()
    {
        using var directory = new TemporaryDirectory();
        Network().WriteSnapshot(directory.Path);
        var broken = Path.Combine(directory.Path, SnapshotLayout.NetworkFile(Globex, "eu-west-1", NetworkOutputs.RouteTables));
        File.WriteAllText(broken, """{"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": 7}]}""");

        var view = Read(directory.Path);

        var gap = Assert.Single(view.Gaps);
        Assert.Equal((Globex, "eu-west-1", CoverageGap.Sources.Network), (gap.AccountId, gap.Region, gap.Source));
        Assert.Contains(broken, gap.Reason);
        Assert.Contains("VpcId is not a string", gap.Reason);
        Assert.Contains(Globex, view.Unknown(Estate.Accounts));
        Assert.NotNull(view.Graph.Vpc("vpc-0bb33bb33bb33bb33"));
    }

    [Theory]
    [InlineData(Globex, null, "no network folder")]
    [InlineData(Hub, "search-transit-gateway-routes/" + Shared, "aws ec2 search-transit-gateway-routes for " + Shared + " was not collected")]
    [InlineData(Hub, "describe-transit-gateway-attachments", "aws ec2 describe-transit-gateway-attachments was not collected")]
    public void WhatWasNotCollectedIsAGapNamingIt(string account, string? name, string expected)
    {
        using var directory = new TemporaryDirectory();
        Network().WriteSnapshot(directory.Path);
        if (name is null)
        {
            Directory.Delete(Path.Combine(directory.Path, SnapshotLayout.Network(account)), recursive: true);
        }
        else
        {
            File.Delete(Path.Combine(directory.Path, account, SnapshotLayout.NetworkFolder, "eu-west-1", name + ".json"));
        }

        var view = Read(directory.Path);

        Assert.Contains(view.Gaps, g => g.AccountId == account && g.Reason.Contains(expected, StringComparison.Ordinal));
        Assert.NotNull(view.Unknown(Estate.Accounts));
    }

    [Fact]
    public void ARouteTableIdThatIsAPathNeverNamesAFileOutsideTheSnapshot()
    {
        using var directory = new TemporaryDirectory();
        Network().WriteSnapshot(directory.Path);
        var tables = Path.Combine(directory.Path, SnapshotLayout.NetworkFile(Hub, "eu-west-1", NetworkOutputs.TransitGatewayRouteTables));
        File.WriteAllText(tables, """{"TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "../../../../etc/passwd", "TransitGatewayId": "tgw-0123456789abcdef0"}]}""");

        var view = Read(directory.Path);

        Assert.Contains(view.Gaps, g => g.Reason.Contains("is not a transit gateway route table id", StringComparison.Ordinal));
    }

    /// <summary>A security group and a default network ACL that admit the 10/8 both ways, as the CLI prints them.</summary>
    private static void WriteOpenFilters(string directory, string account, string vpc)
    {
        File.WriteAllText(Path.Combine(directory, SnapshotLayout.NetworkFile(account, "eu-west-1", NetworkOutputs.SecurityGroups)), $$"""
            {"SecurityGroups": [{"GroupId": "sg-0123456789abcdef0", "GroupName": "app", "OwnerId": "{{account}}", "VpcId": "{{vpc}}",
              "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/8"}], "UserIdGroupPairs": []}],
              "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
            """);
        File.WriteAllText(Path.Combine(directory, SnapshotLayout.NetworkFile(account, "eu-west-1", NetworkOutputs.NetworkAcls)), $$"""
            {"NetworkAcls": [{"NetworkAclId": "acl-0123456789abcdef0", "VpcId": "{{vpc}}", "IsDefault": true, "Entries": [
              {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
              {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 100},
              {"Ipv6CidrBlock": "::/0", "Egress": false, "Protocol": "-1", "RuleAction": "allow", "RuleNumber": 101},
              {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767}]}]}
            """);
    }

    [Fact]
    public void SecurityGroupsAndNetworkAclsAreReadWhenPresentAndTheirAbsenceIsNoGapOfTheRoutes()
    {
        using var directory = new TemporaryDirectory();
        Network().WriteSnapshot(directory.Path);
        WriteOpenFilters(directory.Path, Acme, "vpc-0aa11aa11aa11aa11");

        var onlyAcme = Read(directory.Path);
        var path = Assert.Single(onlyAcme.Graph.PathsFrom("vpc-0aa11aa11aa11aa11"));
        Assert.Empty(onlyAcme.Gaps);
        Assert.Null(onlyAcme.Graph.Open(path));
        Assert.Contains($"account {Globex} in eu-west-1 were not read", onlyAcme.Graph.FiltersUnread(path));

        WriteOpenFilters(directory.Path, Globex, "vpc-0bb33bb33bb33bb33");
        var both = Read(directory.Path);
        Assert.True(both.Graph.Open(Assert.Single(both.Graph.PathsFrom("vpc-0aa11aa11aa11aa11"))));
    }

    [Fact]
    public void AMalformedSecurityGroupFileIsAGapAndLeavesTheFiltersUnknown()
    {
        using var directory = new TemporaryDirectory();
        Network().WriteSnapshot(directory.Path);
        WriteOpenFilters(directory.Path, Acme, "vpc-0aa11aa11aa11aa11");
        WriteOpenFilters(directory.Path, Globex, "vpc-0bb33bb33bb33bb33");
        var broken = Path.Combine(directory.Path, SnapshotLayout.NetworkFile(Globex, "eu-west-1", NetworkOutputs.SecurityGroups));
        File.WriteAllText(broken, """{"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-0bb33bb33bb33bb33", "IpPermissions": [{"IpRanges": [{"CidrIp": "10.0.0.0/33"}]}]}]}""");

        var view = Read(directory.Path);

        Assert.Contains(view.Gaps, g => g.AccountId == Globex && g.Reason.Contains(broken, StringComparison.Ordinal) && g.Reason.Contains("not an IPv4 CIDR", StringComparison.Ordinal));
        Assert.Null(view.Graph.Open(Assert.Single(view.Graph.PathsFrom("vpc-0aa11aa11aa11aa11"))));
    }
}
