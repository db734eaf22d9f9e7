
namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Lambda functions, and resources only the Tagging API reports: each function's CloudWatch Logs group and a few
/// Bedrock batch-inference jobs.
/// </summary>
internal static class ServerlessGenerator
{
    public const string LogGroupType = "AWS::Logs::LogGroup";
    public const string InvocationJobType = "AWS::Bedrock::ModelInvocationJob";

    public static void Generate(RegionContext r)
    {
        var random = r.Account.Random;
        for (var f = 0; f < r.Plan.Functions; f++)
        {
            var application = r.Application();
            var name = $"{r.Prefix}-{application}-{r.Account.Faker.PickRandom(Names.FunctionPurposes)}-{f + 1}";
            var role = r.Iam.LambdaRoles[f % r.Iam.LambdaRoles.Count];
            var inVpc = f % 4 == 0;
            var vpc = r.Network.Vpcs[f % r.Network.Vpcs.Count];
            var subnets = vpc.Subnets.Skip(2).Take(2).Select(s => s.Id).ToList();
            var group = vpc.SecurityGroups[^1];
            var tags = r.NextTags(null, application);
            var relations = new List<ConfigRelation> { new("AWS::IAM::Role", null, role.Name, "Is associated with ") };
            if (inVpc)
            {
                relations.Add(new("AWS::EC2::SecurityGroup", group, null, "Is associated with "));
                relations.AddRange(subnets.Select(s => new ConfigRelation("AWS::EC2::Subnet", s, null, "Is contained in ")));
            }
            var modified = r.Account.DaysAgo(1, 400);
            var item = new ConfigItem("AWS::Lambda::Function", name, name, r.Arn("lambda", "function:" + name), r.Region,
                "Not Applicable", r.Account.DaysAgo(400, 1000));
            r.Emit(item, tags, relations, w =>
            {
                w.WriteString("functionName", name);
                w.WriteString("functionArn", item.Arn);
                w.WriteString("runtime", r.Account.Faker.PickRandom(Names.Runtimes));
                w.WriteString("role", role.Arn);
                w.WriteString("handler", "index.handler");
                w.WriteNumber("codeSize", random.Int(2_000, 40_000_000));
                w.WriteString("description", $"{application} {name.Split('-')[^2]}");
                w.WriteNumber("timeout", random.ArrayElement(new[] { 3, 15, 30, 60, 300 }));
                w.WriteNumber("memorySize", random.ArrayElement(new[] { 128, 256, 512, 1024, 2048 }));
                w.WriteString("lastModified", modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("codeSha256", Convert.ToBase64String(random.Bytes(32)));
                w.WriteString("version", "$LATEST");
                if (inVpc)
                {
                    w.WriteStartObject("vpcConfig");
                    w.WriteStartArray("subnetIds");
                    subnets.ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                    w.WriteStartArray("securityGroupIds");
                    w.WriteStringValue(group);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteStartObject("tracingConfig");
                w.WriteString("mode", "PassThrough");
                w.WriteEndObject();
                w.WriteString("revisionId", AwsIds.Uuid(random));
            }, w => tags.WriteObject(w, "Tags"));
            r.EmitTaggedOnly(LogGroupType, r.Arn("logs", $"log-group:/aws/lambda/{name}"), application);
        }
        for (var j = 0; j < r.Plan.InvocationJobs; j++)
        {
            r.EmitTaggedOnly(InvocationJobType, r.Arn("bedrock", "model-invocation-job/" + AwsIds.Lower(random, 12)), "recommendations");
        }
    }
}
