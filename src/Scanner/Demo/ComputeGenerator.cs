
namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>EC2 instances, each followed by its EBS volumes, and a few volumes left unattached.</summary>
internal static class ComputeGenerator
{
    /// <summary>Stored XSS probe: a tag value is attacker-controlled text, and every report must show it inert.</summary>
    public const string Payload = "<img src=x onerror=alert(1)>";

    public static void Generate(RegionContext r)
    {
        var random = r.Account.Random;
        var payloadHost = r.Account.Account.Index == 0 && r.Region == DemoLayout.Regions[0];
        for (var k = 0; k < r.Plan.Instances; k++)
        {
            var vpc = r.Network.Vpcs[k % r.Network.Vpcs.Count];
            var subnet = vpc.Subnets[2 + (k % (vpc.Subnets.Count - 2))];
            var id = AwsIds.Ec2(random, "i");
            var application = r.Application();
            var purpose = r.Account.Faker.PickRandom(Names.InstanceRoles);
            var name = $"{r.Prefix}-{application}-{purpose}-{k + 1:000}";
            var tags = r.NextTags(name, application);
            if (payloadHost && k == 0)
            {
                tags = r.Account.Tags.Compliant(Payload, application);
                r.Account.PayloadArn = r.Arn("ec2", "instance/" + id);
            }
            var volumes = new List<string> { AwsIds.Ec2(random, "vol") };
            if (k % 3 == 0)
            {
                volumes.Add(AwsIds.Ec2(random, "vol"));
            }
            var launched = r.Account.DaysAgo(2, 700);
            var profile = r.Account.Faker.PickRandom(r.Iam.InstanceRoles);
            var groups = vpc.SecurityGroups.Count > 1 ? vpc.SecurityGroups.Skip(1).ToList() : vpc.SecurityGroups.ToList();
            var group = groups[k % groups.Count];
            var ip = $"{subnet.Cidr[..subnet.Cidr.LastIndexOf('.')]}.{random.Int(4, 250)}";
            var relations = new List<ConfigRelation>
            {
                new("AWS::EC2::SecurityGroup", group, null, "Is associated with SecurityGroup"),
                new("AWS::EC2::Subnet", subnet.Id, null, "Is contained in Subnet"),
                new("AWS::EC2::VPC", vpc.Id, null, "Is contained in Vpc"),
            };
            relations.AddRange(volumes.Select(v => new ConfigRelation("AWS::EC2::Volume", v, null, "Is attached to Volume")));
            var item = new ConfigItem("AWS::EC2::Instance", id, null, r.Arn("ec2", "instance/" + id), r.Region, subnet.Zone, launched);
            var running = random.Int(0, 9) > 0;
            r.Emit(item, tags, relations, w =>
            {
                w.WriteString("instanceId", id);
                w.WriteString("imageId", AwsIds.Ec2(random, "ami"));
                w.WriteStartObject("state");
                w.WriteNumber("code", running ? 16 : 80);
                w.WriteString("name", running ? "running" : "stopped");
                w.WriteEndObject();
                w.WriteString("privateDnsName", $"ip-{ip.Replace('.', '-')}.{r.Region}.compute.internal");
                w.WriteString("instanceType", r.Account.Faker.PickRandom(Names.InstanceTypes));
                w.WriteString("launchTime", Iso.Millis(launched));
                w.WriteStartObject("placement");
                w.WriteString("availabilityZone", subnet.Zone);
                w.WriteString("tenancy", "default");
                w.WriteEndObject();
                w.WriteStartObject("metadataOptions");
                w.WriteString("httpTokens", "required");
                w.WriteString("httpEndpoint", "enabled");
                w.WriteEndObject();
                w.WriteString("subnetId", subnet.Id);
                w.WriteString("vpcId", vpc.Id);
                w.WriteString("privateIpAddress", ip);
                w.WriteString("architecture", "x86_64");
                w.WriteString("rootDeviceType", "ebs");
                w.WriteString("rootDeviceName", "/dev/xvda");
                w.WriteStartArray("blockDeviceMappings");
                for (var v = 0; v < volumes.Count; v++)
                {
                    w.WriteStartObject();
                    w.WriteString("deviceName", v == 0 ? "/dev/xvda" : "/dev/sdf");
                    w.WriteStartObject("ebs");
                    w.WriteString("volumeId", volumes[v]);
                    w.WriteString("status", "attached");
                    w.WriteString("attachTime", Iso.Millis(launched));
                    w.WriteBoolean("deleteOnTermination", v == 0);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("iamInstanceProfile");
                w.WriteString("arn", $"arn:aws:iam::{r.Id}:instance-profile/{profile.Name}");
                w.WriteString("id", AwsIds.Iam(random, "AIPA"));
                w.WriteEndObject();
                w.WriteStartArray("securityGroups");
                w.WriteStartObject();
                w.WriteString("groupId", group);
                w.WriteEndObject();
                w.WriteEndArray();
                tags.WriteArray(w, "tags");
            });
            for (var v = 0; v < volumes.Count; v++)
            {
                Volume(r, volumes[v], subnet.Zone, id, v == 0 ? "/dev/xvda" : "/dev/sdf", application, launched);
            }
        }
        for (var u = 0; u < 1 + (r.Plan.Instances / 20); u++)
        {
            Volume(r, AwsIds.Ec2(random, "vol"), r.Zone(u), null, null, r.Application(), r.Account.DaysAgo(30, 900));
        }
    }

    private static void Volume(RegionContext r, string id, string zone, string? instance, string? device, string application, DateTimeOffset created)
    {
        var tags = r.NextTags(instance is null ? $"{r.Prefix}-{application}-detached" : null, application);
        var size = instance is null || device != "/dev/xvda" ? r.Account.Random.Int(50, 1000) : r.Account.Random.Int(8, 100);
        ConfigRelation[] relations = instance is null ? [] : [new("AWS::EC2::Instance", instance, null, "Is attached to Instance")];
        var item = new ConfigItem("AWS::EC2::Volume", id, null, r.Arn("ec2", "volume/" + id), r.Region, zone, created);
        r.Emit(item, tags, relations, w =>
        {
            w.WriteString("volumeId", id);
            w.WriteNumber("size", size);
            w.WriteString("availabilityZone", zone);
            w.WriteString("state", instance is null ? "available" : "in-use");
            w.WriteString("createTime", Iso.Millis(created));
            w.WriteStartArray("attachments");
            if (instance is not null)
            {
                w.WriteStartObject();
                w.WriteString("volumeId", id);
                w.WriteString("instanceId", instance);
                w.WriteString("device", device);
                w.WriteString("state", "attached");
                w.WriteString("attachTime", Iso.Millis(created));
                w.WriteBoolean("deleteOnTermination", device == "/dev/xvda");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            tags.WriteArray(w, "tags");
            w.WriteString("volumeType", "gp3");
            w.WriteNumber("iops", 3000);
            w.WriteBoolean("encrypted", true);
        });
    }
}
