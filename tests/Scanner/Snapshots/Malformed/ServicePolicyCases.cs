using static Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed.HostileEstate;

namespace Ocado.Guardrails.Tests.Scanner.Snapshots.Malformed;

/// <summary>
/// A region's logs/, glue/ and lambda/ files (aws logs describe-resource-policies, aws glue get-resource-policies, aws
/// lambda list-layers and get-layer-version-policy): read, or a gap of that service naming the file.
/// </summary>
internal static class ServicePolicyCases
{
    private const string Logs = $"{Acme}/logs/eu-west-1/describe-resource-policies.json";
    private const string Glue = $"{Acme}/glue/eu-west-1/get-resource-policies.json";
    private const string Layers = $"{Acme}/lambda/eu-west-1/list-layers.json";
    private const string LayerPolicy = $"{Acme}/lambda/eu-west-1/get-layer-version-policy/shared-libs/3.json";
    private const string Document = """{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"logs:PutLogEvents\",\"Resource\":\"*\"}]}""";

    private const string LogsList = $$"""{"resourcePolicies": [{"policyName": "delivery", "policyDocument": "{{Document}}", "lastUpdatedTime": 1733390000000}]}""";
    private const string GlueList = $$"""{"GetResourcePoliciesResponseList": [{"PolicyInJson": "{{Document}}", "PolicyHash": "aGFzaA==", "CreateTime": "2024-12-05T09:13:20+00:00"}]}""";

    private static string LayerList(string name = "shared-libs", string account = Acme) =>
        $$$"""{"Layers": [{"LayerName": "{{{name}}}", "LayerArn": "arn:aws:lambda:eu-west-1:{{{account}}}:layer:{{{name}}}", "LatestMatchingVersion": {"LayerVersionArn": "arn:aws:lambda:eu-west-1:{{{account}}}:layer:{{{name}}}:3", "Version": 3, "CreatedDate": "2024-12-05T09:13:20.123+0000"}}]}""";

    private const string Policy = $$"""{"Policy": "{{Document}}", "RevisionId": "4b2c8f3e"}""";

    public static IEnumerable<MalformedCase> All() =>
    [
        new("logs: the CLI's output is read", Logs, Expect.Read, "", Plant.Text(LogsList)),
        Gap("logs: the file is a list", Logs, "has no resourcePolicies list", Plant.Text("[]")),
        Gap("logs: invalid JSON", Logs, "invalid JSON", Plant.Text("{\"resourcePolicies\": [")),
        Gap("logs: a policy without its name", Logs, "policyName is missing", Plant.Text("""{"resourcePolicies": [{"policyDocument": "{}"}]}""")),
        Gap("logs: a policy name as a number", Logs, "policyName is a number", Plant.Text("""{"resourcePolicies": [{"policyName": 7, "policyDocument": "{}"}]}""")),
        Gap("logs: only the first page", Logs, "nextToken is set", Plant.Text(LogsList[..^1] + ", \"nextToken\": \"abc\"}")),
        new("glue: the CLI's output is read", Glue, Expect.Read, "", Plant.Text(GlueList)),
        Gap("glue: a policy without its hash", Glue, "PolicyHash is missing", Plant.Text("""{"GetResourcePoliciesResponseList": [{"PolicyInJson": "{}"}]}""")),
        Gap("glue: an entry that is not an object", Glue, "is a string, not an object", Plant.Text("""{"GetResourcePoliciesResponseList": ["{}"]}""")),
        new("lambda: the CLI's outputs are read", Layers, Expect.Read, "", WithPolicy(Plant.Text(LayerList()))),
        Gap("lambda: a layer's policy file is missing", LayerPolicy, "3.json is missing", path => Write(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "list-layers.json"), LayerList())),
        Gap("lambda: a layer of another account", Layers, "is not version 3 of layer shared-libs of account", WithPolicy(Plant.Text(LayerList(account: Globex)))),
        Gap("lambda: a layer name that is a path", Layers, "is not a Lambda layer name", WithPolicy(Plant.Text(LayerList(name: "../../../iam")))),
        Gap("lambda: a layer without its latest version", Layers, "LatestMatchingVersion is missing", WithPolicy(Plant.Text("""{"Layers": [{"LayerName": "shared-libs"}]}"""))),
        Gap("lambda: a policy that is an object", LayerPolicy, "Policy is an object", path =>
        {
            Write(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "list-layers.json"), LayerList());
            Write(path, """{"Policy": {"Version": "2012-10-17"}}""");
        }),
        Gap("lambda: list-layers is a link to /dev/urandom", Layers, "outside the snapshot", WithPolicy(Plant.LinkTo("/dev/urandom"))),
    ];

    /// <summary>The layer's valid policy file, then the planted list-layers.json.</summary>
    private static Action<string> WithPolicy(Action<string> plant) => path =>
    {
        Write(Path.Combine(Path.GetDirectoryName(path)!, "get-layer-version-policy", "shared-libs", "3.json"), Policy);
        plant(path);
    };

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static MalformedCase Gap(string name, string target, string says, Action<string> plant) => new(name, target, Expect.Gap, says, plant);
}
