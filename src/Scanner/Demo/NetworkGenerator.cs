
namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>VPCs, subnets, internet and NAT gateways, Elastic IPs and security groups of one account and region.</summary>
internal static class NetworkGenerator
{
    public static NetworkPool Generate(RegionContext r)
    {
        var random = r.Account.Random;
        var plan = r.Plan;
        var second = (r.Account.Account.Index * 16) % 200;
        var vpcIds = Enumerable.Range(0, plan.Vpcs).Select(_ => AwsIds.Ec2(random, "vpc")).ToList();
        // The first VPC is the one the hub attaches: its id and block are the hub's plan (DemoHub).
        var attached = r.Account.Layout.Hub.AttachmentOf(r.Account.Account, r.Region);
        if (attached is not null)
        {
            vpcIds[0] = attached.VpcId;
        }
        var groupVpc = Enumerable.Range(0, plan.SecurityGroups).Select(g => g % plan.Vpcs).ToList();
        var groupIds = groupVpc.Select(_ => AwsIds.Ec2(random, "sg")).ToList();
        var gatewayIds = Enumerable.Range(0, plan.InternetGateways).Select(_ => AwsIds.Ec2(random, "igw")).ToList();
        var vpcs = new List<NetworkPool.Vpc>();
        for (var k = 0; k < plan.Vpcs; k++)
        {
            var octet = k == 0 && attached is not null ? attached.Octet : (second + k) % 256;
            var cidr = DemoHub.Cidr(octet);
            var subnets = Enumerable.Range(0, plan.SubnetsPerVpc).Select(s => new NetworkPool.Subnet(
                AwsIds.Ec2(random, "subnet"), r.Zone(s), $"10.{octet}.{s}.0/24", Public: s < 2)).ToList();
            var groups = groupIds.Where((_, g) => groupVpc[g] == k).ToList();
            vpcs.Add(new NetworkPool.Vpc(vpcIds[k], cidr, subnets, groups));
        }

        for (var k = 0; k < vpcs.Count; k++)
        {
            WriteVpc(r, vpcs[k], k < gatewayIds.Count ? gatewayIds[k] : null);
        }
        for (var i = 0; i < gatewayIds.Count; i++)
        {
            WriteGateway(r, gatewayIds[i], i < vpcs.Count ? vpcs[i].Id : null);
        }
        var allocations = Enumerable.Range(0, plan.ElasticIps).Select(_ => AwsIds.Ec2(random, "eipalloc")).ToList();
        for (var n = 0; n < plan.NatGateways; n++)
        {
            NetworkItems.NatGateway(r, vpcs[n % vpcs.Count], allocations[n]);
        }
        for (var e = 0; e < allocations.Count; e++)
        {
            NetworkItems.ElasticIp(r, allocations[e], natAttached: e < plan.NatGateways);
        }
        for (var g = 0; g < groupIds.Count; g++)
        {
            var vpc = vpcs[groupVpc[g]];
            NetworkItems.SecurityGroup(r, groupIds[g], vpc, isDefault: g < vpcs.Count);
        }
        return new NetworkPool(vpcs);
    }

    private static void WriteVpc(RegionContext r, NetworkPool.Vpc vpc, string? gateway)
    {
        var name = $"{r.Prefix}-{Names.RegionShort(r.Region)}-vpc-{vpc.Cidr.Split('.')[1]}";
        var tags = r.NextTags(name, "network");
        var relations = new List<ConfigRelation>();
        relations.AddRange(vpc.Subnets.Select(s => new ConfigRelation("AWS::EC2::Subnet", s.Id, null, "Contains Subnet")));
        relations.AddRange(vpc.SecurityGroups.Select(g => new ConfigRelation("AWS::EC2::SecurityGroup", g, null, "Contains SecurityGroup")));
        if (gateway is not null)
        {
            relations.Add(new ConfigRelation("AWS::EC2::InternetGateway", gateway, null, "Is attached to InternetGateway"));
        }
        var item = new ConfigItem("AWS::EC2::VPC", vpc.Id, null, r.Arn("ec2", "vpc/" + vpc.Id), r.Region,
            "Multiple Availability Zones", r.Account.DaysAgo(300, 1500));
        r.Emit(item, tags, relations, w =>
        {
            w.WriteString("cidrBlock", vpc.Cidr);
            w.WriteString("dhcpOptionsId", AwsIds.Ec2(r.Account.Random, "dopt"));
            w.WriteString("state", "available");
            w.WriteString("vpcId", vpc.Id);
            w.WriteString("ownerId", r.Id);
            w.WriteString("instanceTenancy", "default");
            w.WriteStartArray("cidrBlockAssociationSet");
            w.WriteStartObject();
            w.WriteString("associationId", AwsIds.Ec2(r.Account.Random, "vpc-cidr-assoc"));
            w.WriteString("cidrBlock", vpc.Cidr);
            w.WriteStartObject("cidrBlockState");
            w.WriteString("state", "associated");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteBoolean("isDefault", false);
            tags.WriteArray(w, "tags");
        });
        foreach (var subnet in vpc.Subnets)
        {
            NetworkItems.Subnet(r, vpc, subnet);
        }
    }

    private static void WriteGateway(RegionContext r, string id, string? vpc)
    {
        var tags = r.NextTags($"{r.Prefix}-igw-{id[^4..]}", "network");
        ConfigRelation[] relations = vpc is null ? [] : [new("AWS::EC2::VPC", vpc, null, "Is attached to Vpc")];
        var item = new ConfigItem("AWS::EC2::InternetGateway", id, null, r.Arn("ec2", "internet-gateway/" + id), r.Region,
            "Multiple Availability Zones", r.Account.DaysAgo(300, 1500));
        r.Emit(item, tags, relations, w =>
        {
            w.WriteString("internetGatewayId", id);
            w.WriteString("ownerId", r.Id);
            w.WriteStartArray("attachments");
            if (vpc is not null)
            {
                w.WriteStartObject();
                w.WriteString("vpcId", vpc);
                w.WriteString("state", "available");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            tags.WriteArray(w, "tags");
        });
    }
}
