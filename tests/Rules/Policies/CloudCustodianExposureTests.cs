using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// Cloud Custodian's recorded (placebo) responses for its cross-account filters, where the response
/// holds a policy: each resource is rebuilt as a Config item around the recorded policy text, placed
/// where Config keeps it, then judged by <see cref="ResourcePolicies"/> and <see cref="AccessAnalyzer"/>.
/// The expected resources are those expected-results.csv transcribes from Custodian's assertions.
/// </summary>
public sealed class CloudCustodianExposureTests(ITestOutputHelper output)
{
    private const string Owner = CustodianAccount.Id;

    private static readonly Estate CustodianEstate = CustodianAccount.Estate;

    public static TheoryData<string, string[]> Scenarios() => new()
    {
        { "test_cross_account_sqs", ["c7n-cross-check"] },
        { "test_cross_account_sns", ["c7n-cross-check"] },
        { "test_cross_account_sns_endpoint_condition", [] },
        { "test_cross_account_lambda", ["c7n-cross-check"] },
        { "test_cross_account_glacier", ["c7n-cross-check"] },
        { "test_cross_account_ecr", ["c7n/cross-check"] },
        { "test_cross_account_kms", ["7e9d3a66-b4f3-47ff-98f7-4a6087b45405"] },
        { "test_cross_account_kms_condition_keys_1", [] },
        { "test_cross_account_kms_condition_keys_2", [] },
        { "test_cross_account_kms_condition_keys_3", ["a330b187-ba70-4a78-b5ef-26e96f3c106f"] },
        { "test_secrets_manager_cross_account", ["c7n-test-key"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void TheResourcesCustodianFlagsAreExactlyThoseWithAForeignGrant(string scenario, string[] flagged)
    {
        Assert.Contains(Csv.Read(Fixtures.Real("resource-exposure", "cloud-custodian", "expected-results.csv")), r => r["scenario_dir"] == scenario);
        var resources = Build(scenario);

        var ours = resources
            .Where(r => ResourcePolicies.Of(r) is { } policy && AccessAnalyzer.Grants(policy, r, CustodianEstate).Any(g => g.IsForeign))
            .Select(r => r.Name)
            .ToList();

        foreach (var resource in resources)
        {
            var grants = ResourcePolicies.Of(resource) is { } p ? AccessAnalyzer.Grants(p, resource, CustodianEstate) : [];
            output.WriteLine($"{scenario}: {resource.Type} {resource.Name}: {(grants.Count == 0 ? "no grants" : AccessAnalyzer.Describe(grants))}");
        }
        output.WriteLine($"{scenario}: {(ours.Order(StringComparer.Ordinal).SequenceEqual(flagged.Order(StringComparer.Ordinal)) ? "agrees" : "DISAGREES")} ({resources.Count} resources)");
        Assert.Equal(flagged.Order(StringComparer.Ordinal), ours.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheSecretsForeignGrantNamesTheRootOfAnAccountOutsideTheEstate()
    {
        var secret = Build("test_secrets_manager_cross_account").Single(r => r.Name == "c7n-test-key");

        var grant = Assert.Single(AccessAnalyzer.Grants(ResourcePolicies.Of(secret)!, secret, CustodianEstate));

        Assert.Equal((GrantKind.UnknownAccount, "123456789012"), (grant.Kind, grant.AccountId));
    }

    private static List<Resource> Build(string scenario)
    {
        JsonNode Read(string file) => JsonNode.Parse(File.ReadAllText(Fixtures.Real("resource-exposure", "cloud-custodian", scenario, file)))!["data"]!;
        string? Policy(JsonNode? data, string key) => data?[key]?.GetValue<string>();
        var files = Directory.GetFiles(Fixtures.Real("resource-exposure", "cloud-custodian", scenario)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        IEnumerable<string> Recorded(string prefix) => files.Where(f => f!.StartsWith(prefix, StringComparison.Ordinal))!;
        return scenario switch
        {
            "test_cross_account_sqs" => Recorded("sqs.GetQueueAttributes").Select(f => Read(f)["Attributes"]!)
                .Select(a => Item("AWS::SQS::Queue", a["QueueArn"]!.GetValue<string>(), new JsonObject { ["Policy"] = Policy(a, "Policy") })).ToList(),
            "test_cross_account_sns" or "test_cross_account_sns_endpoint_condition" => Recorded("sns.GetTopicAttributes").Select(f => Read(f)["Attributes"]!)
                .Select(a => Item("AWS::SNS::Topic", a["TopicArn"]!.GetValue<string>(), new JsonObject { ["Policy"] = Policy(a, "Policy") })).ToList(),
            "test_cross_account_lambda" => Read("lambda.ListFunctions_1.json")["Functions"]!.AsArray()
                .Select((fn, i) => Item("AWS::Lambda::Function", fn!["FunctionArn"]!.GetValue<string>(), new JsonObject(), Policy(Read($"lambda.GetPolicy_{i + 1}.json"), "Policy"))).ToList(),
            "test_cross_account_glacier" => Read("glacier.ListVaults_1.json")["VaultList"]!.AsArray()
                .Select(v => Item("AWS::Glacier::Vault", v!["VaultARN"]!.GetValue<string>(), new JsonObject { ["Policy"] = Policy(Read("glacier.GetVaultAccessPolicy_1.json")["policy"], "Policy") })).ToList(),
            "test_cross_account_ecr" => Read("api.ecr.DescribeRepositories_1.json")["repositories"]!.AsArray()
                .Select(r => Item("AWS::ECR::Repository", r!["repositoryArn"]!.GetValue<string>(), new JsonObject { ["RepositoryName"] = r["repositoryName"]!.GetValue<string>(), ["RepositoryPolicyText"] = Policy(Read("api.ecr.GetRepositoryPolicy_1.json"), "policyText") })).ToList(),
            _ when scenario.StartsWith("test_cross_account_kms", StringComparison.Ordinal) => Read("kms.ListKeys_1.json")["Keys"]!.AsArray()
                .Select(k => Item("AWS::KMS::Key", k!["KeyArn"]!.GetValue<string>(), new JsonObject(), Policy(Read("kms.GetKeyPolicy_1.json"), "Policy"))).ToList(),
            "test_secrets_manager_cross_account" => Recorded("secretsmanager.GetResourcePolicy").Select(f => Read(f))
                .Select(s => Item("AWS::SecretsManager::Secret", s["ARN"]!.GetValue<string>(), new JsonObject { ["Name"] = s["Name"]!.GetValue<string>() }, Policy(s, "ResourcePolicy"), s["Name"]!.GetValue<string>())).ToList(),
            _ => throw new ArgumentException($"no recorded policy is read for {scenario}", nameof(scenario)),
        };
    }

    /// <summary>A Config item around the recorded policy: in configuration, or in supplementaryConfiguration.Policy (KMS, Lambda) / ResourcePolicy (Secrets Manager).</summary>
    private static Resource Item(string type, string arn, JsonObject configuration, string? supplementaryPolicy = null, string? name = null)
    {
        var parsed = Arn.Parse(arn);
        var item = new JsonObject
        {
            ["resourceType"] = type,
            ["resourceId"] = parsed.ResourceId,
            ["resourceName"] = name ?? (type == "AWS::ECR::Repository" ? configuration["RepositoryName"]!.GetValue<string>() : parsed.ResourceId.Split(':', '/').Last()),
            ["ARN"] = arn,
            ["awsAccountId"] = parsed.AccountId,
            ["awsRegion"] = parsed.Region,
            ["configuration"] = configuration,
        };
        if (supplementaryPolicy is not null)
        {
            item["supplementaryConfiguration"] = new JsonObject { [type == "AWS::SecretsManager::Secret" ? "ResourcePolicy" : "Policy"] = supplementaryPolicy };
        }
        return ConfigurationItems.ToResource(JsonDocument.Parse(item.ToJsonString()).RootElement.Clone());
    }
}
