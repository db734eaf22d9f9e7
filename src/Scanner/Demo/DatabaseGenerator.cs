
namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>RDS: Aurora clusters with two member instances each, then standalone instances. DynamoDB tables.</summary>
internal static class DatabaseGenerator
{
    public static void Generate(RegionContext r)
    {
        var vpc = r.Network.Vpcs[0];
        var group = vpc.SecurityGroups[^1];
        var standalone = r.Plan.DbInstances - (2 * r.Plan.DbClusters);
        for (var c = 0; c < r.Plan.DbClusters; c++)
        {
            var application = r.Application();
            var cluster = $"{r.Prefix}-{application}-aurora-{c + 1}";
            var members = new[] { $"{cluster}-instance-1", $"{cluster}-instance-2" };
            Cluster(r, cluster, members, application, group);
            foreach (var member in members)
            {
                Instance(r, member, cluster, application, vpc, group);
            }
        }
        for (var i = 0; i < standalone; i++)
        {
            var application = r.Application();
            Instance(r, $"{r.Prefix}-{application}-db-{i + 1}", null, application, vpc, group);
        }
        for (var t = 0; t < r.Plan.Tables; t++)
        {
            Table(r, t);
        }
    }

    private static void Cluster(RegionContext r, string name, string[] members, string application, string group)
    {
        var resourceId = "cluster-" + AwsIds.Upper(r.Account.Random, 26);
        var tags = r.NextTags(null, application);
        var item = new ConfigItem("AWS::RDS::DBCluster", resourceId, name, r.Arn("rds", "cluster:" + name), r.Region,
            "Multiple Availability Zones", r.Account.DaysAgo(60, 1100));
        r.Emit(item, tags, [new("AWS::EC2::SecurityGroup", group, null, "Is associated with SecurityGroup")], w =>
        {
            w.WriteString("dBClusterIdentifier", name);
            w.WriteString("dbClusterResourceId", resourceId);
            w.WriteString("dBClusterArn", item.Arn);
            w.WriteString("engine", "aurora-postgresql");
            w.WriteString("engineVersion", "16.4");
            w.WriteString("status", "available");
            w.WriteBoolean("storageEncrypted", true);
            w.WriteBoolean("deletionProtection", true);
            w.WriteNumber("backupRetentionPeriod", 7);
            w.WriteStartArray("dBClusterMembers");
            for (var m = 0; m < members.Length; m++)
            {
                w.WriteStartObject();
                w.WriteString("dBInstanceIdentifier", members[m]);
                w.WriteBoolean("isClusterWriter", m == 0);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, w => tags.WriteArray(w, "Tags"));
    }

    private static void Instance(RegionContext r, string name, string? cluster, string application, NetworkPool.Vpc vpc, string group)
    {
        var resourceId = "db-" + AwsIds.Upper(r.Account.Random, 26);
        var tags = r.NextTags(null, application);
        var engine = cluster is not null ? "aurora-postgresql" : r.Account.Faker.PickRandom("postgres", "mysql");
        var zone = r.Zone(r.Account.Random.Int(0, 2));
        var item = new ConfigItem("AWS::RDS::DBInstance", resourceId, name, r.Arn("rds", "db:" + name), r.Region,
            zone, r.Account.DaysAgo(60, 1100));
        r.Emit(item, tags, [new("AWS::EC2::SecurityGroup", group, null, "Is associated with SecurityGroup")], w =>
        {
            w.WriteString("dBInstanceIdentifier", name);
            w.WriteString("dBInstanceClass", r.Account.Faker.PickRandom(Names.DbClasses));
            w.WriteString("engine", engine);
            w.WriteString("dBInstanceStatus", "available");
            if (cluster is not null)
            {
                w.WriteString("dBClusterIdentifier", cluster);
            }
            else
            {
                w.WriteNumber("allocatedStorage", r.Account.Random.Int(20, 500));
            }
            w.WriteStartArray("vpcSecurityGroups");
            w.WriteStartObject();
            w.WriteString("vpcSecurityGroupId", group);
            w.WriteString("status", "active");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("availabilityZone", zone);
            w.WriteStartObject("dBSubnetGroup");
            w.WriteString("dBSubnetGroupName", $"{r.Prefix}-db-subnets");
            w.WriteString("vpcId", vpc.Id);
            w.WriteString("subnetGroupStatus", "Complete");
            w.WriteEndObject();
            w.WriteBoolean("multiAZ", cluster is null);
            w.WriteBoolean("publiclyAccessible", false);
            w.WriteBoolean("storageEncrypted", true);
            w.WriteString("dbiResourceId", resourceId);
            w.WriteString("dBInstanceArn", item.Arn);
        }, w => tags.WriteArray(w, "Tags"));
    }

    private static void Table(RegionContext r, int index)
    {
        var application = r.Application();
        var name = $"{r.Prefix}-{application}-{r.Account.Faker.PickRandom(Names.TablePurposes)}-{index + 1}";
        var tags = r.NextTags(null, application);
        var created = r.Account.DaysAgo(30, 1100);
        var item = new ConfigItem("AWS::DynamoDB::Table", name, name, r.Arn("dynamodb", "table/" + name), r.Region,
            "Not Applicable", created);
        r.Tables.Add((name, item.Arn, created));
        r.Emit(item, tags, [], w =>
        {
            w.WriteStartArray("attributeDefinitions");
            w.WriteStartObject();
            w.WriteString("attributeName", "pk");
            w.WriteString("attributeType", "S");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("tableName", name);
            w.WriteStartArray("keySchema");
            w.WriteStartObject();
            w.WriteString("attributeName", "pk");
            w.WriteString("keyType", "HASH");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("tableStatus", "ACTIVE");
            w.WriteNumber("creationDateTime", created.ToUnixTimeMilliseconds());
            w.WriteString("tableArn", item.Arn);
            w.WriteString("tableId", AwsIds.Uuid(r.Account.Random));
            w.WriteStartObject("billingModeSummary");
            w.WriteString("billingMode", "PAY_PER_REQUEST");
            w.WriteEndObject();
        }, w =>
        {
            w.WriteStartObject("ContinuousBackupsDescription");
            w.WriteString("continuousBackupsStatus", "ENABLED");
            w.WriteEndObject();
            tags.WriteArray(w, "Tags");
        });
    }
}
