
namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The smaller network items: subnets, NAT gateways, Elastic IPs and security groups.</summary>
internal static class NetworkItems
{
    public static void Subnet(RegionContext r, NetworkPool.Vpc vpc, NetworkPool.Subnet subnet)
    {
        var name = $"{r.Prefix}-{(subnet.Public ? "public" : "private")}-{subnet.Zone[^1]}-{subnet.Cidr.Split('.')[2]}";
        var tags = r.NextTags(name, "network");
        var item = new ConfigItem("AWS::EC2::Subnet", subnet.Id, null, r.Arn("ec2", "subnet/" + subnet.Id), r.Region,
            subnet.Zone, r.Account.DaysAgo(300, 1500));
        r.Emit(item, tags, [new("AWS::EC2::VPC", vpc.Id, null, "Is contained in Vpc")], w =>
        {
            w.WriteString("subnetId", subnet.Id);
            w.WriteString("state", "available");
            w.WriteString("vpcId", vpc.Id);
            w.WriteString("cidrBlock", subnet.Cidr);
            w.WriteNumber("availableIpAddressCount", r.Account.Random.Int(180, 250));
            w.WriteString("availabilityZone", subnet.Zone);
            w.WriteBoolean("defaultForAz", false);
            w.WriteBoolean("mapPublicIpOnLaunch", subnet.Public);
            w.WriteString("ownerId", r.Id);
            w.WriteString("subnetArn", item.Arn);
            tags.WriteArray(w, "tags");
        });
    }

    public static void NatGateway(RegionContext r, NetworkPool.Vpc vpc, string allocation)
    {
        var id = AwsIds.Ec2(r.Account.Random, "nat");
        var subnet = vpc.Subnets.First(s => s.Public);
        var tags = r.NextTags($"{r.Prefix}-nat-{subnet.Zone[^1]}", "network");
        var item = new ConfigItem("AWS::EC2::NatGateway", id, null, r.Arn("ec2", "natgateway/" + id), r.Region,
            "Not Applicable", r.Account.DaysAgo(200, 1200));
        ConfigRelation[] relations =
        [
            new("AWS::EC2::VPC", vpc.Id, null, "Is contained in Vpc"),
            new("AWS::EC2::Subnet", subnet.Id, null, "Is contained in Subnet"),
        ];
        r.Emit(item, tags, relations, w =>
        {
            w.WriteNumber("createTime", item.Created.ToUnixTimeMilliseconds());
            w.WriteStartArray("natGatewayAddresses");
            w.WriteStartObject();
            w.WriteString("allocationId", allocation);
            w.WriteString("networkInterfaceId", AwsIds.Ec2(r.Account.Random, "eni"));
            w.WriteString("privateIp", $"{subnet.Cidr[..subnet.Cidr.LastIndexOf('.')]}.{r.Account.Random.Int(4, 250)}");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("natGatewayId", id);
            w.WriteString("state", "available");
            w.WriteString("subnetId", subnet.Id);
            w.WriteString("vpcId", vpc.Id);
            tags.WriteArray(w, "tags");
            w.WriteString("connectivityType", "public");
        });
    }

    public static void ElasticIp(RegionContext r, string allocation, bool natAttached)
    {
        var ip = AwsIds.PublicIp(r.Account.Random);
        var tags = r.NextTags(natAttached ? $"{r.Prefix}-nat-eip" : $"{r.Prefix}-eip-{allocation[^4..]}", "network");
        var item = new ConfigItem("AWS::EC2::EIP", allocation, null, r.Arn("ec2", "eip-allocation/" + allocation), r.Region,
            "Not Applicable", r.Account.DaysAgo(100, 1200));
        r.Emit(item, tags, [], w =>
        {
            w.WriteString("publicIp", ip);
            w.WriteString("allocationId", allocation);
            w.WriteString("domain", "vpc");
            w.WriteString("publicIpv4Pool", "amazon");
            w.WriteString("networkBorderGroup", r.Region);
            tags.WriteArray(w, "tags");
        });
    }

    /// <param name="admitsHub">The group also admits the hub's 10.0.0.0/8 (every attached VPC): a planted open path (DemoHub).</param>
    public static NetworkPool.Group SecurityGroup(RegionContext r, string id, NetworkPool.Vpc vpc, bool isDefault, bool admitsHub = false)
    {
        var application = isDefault ? "network" : r.Application();
        var groupName = isDefault ? "default" : $"{r.Prefix}-{application}-{id[^4..]}";
        var tags = r.NextTags(isDefault ? null : groupName, application);
        var item = new ConfigItem("AWS::EC2::SecurityGroup", id, null, r.Arn("ec2", "security-group/" + id), r.Region,
            "Not Applicable", r.Account.DaysAgo(100, 1200));
        var port = isDefault ? -1 : r.Account.Faker.PickRandom(443, 8080, 5432, 6379);
        string[] ingress = admitsHub ? [vpc.Cidr, DemoHub.HubBlock] : [vpc.Cidr];
        r.Emit(item, tags, [new("AWS::EC2::VPC", vpc.Id, null, "Is contained in Vpc")], w =>
        {
            w.WriteString("ownerId", r.Id);
            w.WriteString("groupName", groupName);
            w.WriteString("groupId", id);
            w.WriteString("description", isDefault ? "default VPC security group" : $"{application} service traffic");
            w.WriteStartArray("ipPermissions");
            w.WriteStartObject();
            w.WriteString("ipProtocol", isDefault ? "-1" : "tcp");
            if (!isDefault)
            {
                w.WriteNumber("fromPort", port);
                w.WriteNumber("toPort", port);
            }
            w.WriteStartArray("userIdGroupPairs");
            w.WriteEndArray();
            w.WriteStartArray("ipRanges");
            foreach (var block in ingress)
            {
                w.WriteStringValue(block);
            }
            w.WriteEndArray();
            w.WriteStartArray("prefixListIds");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("ipPermissionsEgress");
            w.WriteStartObject();
            w.WriteString("ipProtocol", "-1");
            w.WriteStartArray("userIdGroupPairs");
            w.WriteEndArray();
            w.WriteStartArray("ipRanges");
            w.WriteStringValue("0.0.0.0/0");
            w.WriteEndArray();
            w.WriteStartArray("prefixListIds");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("vpcId", vpc.Id);
            tags.WriteArray(w, "tags");
        });
        return new NetworkPool.Group(id, vpc.Id, groupName, isDefault ? "default VPC security group" : $"{application} service traffic",
            isDefault ? "-1" : "tcp", isDefault ? null : port, ingress);
    }
}
