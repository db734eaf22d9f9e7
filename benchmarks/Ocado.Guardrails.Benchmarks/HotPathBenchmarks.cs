using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;
using Ocado.Guardrails.Scanner.Pipeline;

namespace Ocado.Guardrails.Benchmarks;

/// <summary>The hot paths of a scan, one at a time: parse an item, parse and evaluate a policy, one rule on one resource, write findings.</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string Item = """
        {"configurationItemVersion":"1.3","awsAccountId":"111111111111","configurationItemStatus":"OK","resourceType":"AWS::S3::Bucket",
         "resourceId":"acme-orders","resourceName":"acme-orders","ARN":"arn:aws:s3:::acme-orders","awsRegion":"eu-west-1",
         "tags":{"owner":"orders@acme.example","customer":"acme","environment":"production","cost-centre":"CC-1001"},
         "configuration":{"name":"acme-orders","creationDate":"2025-01-01T00:00:00Z"},
         "supplementaryConfiguration":{"BucketPolicy":{"policyText":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::acme-orders/*\"}]}"}}}
        """;

    private const string Policy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Create*","iam:Put*","s3:*"],"Resource":"*"},
         {"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"},{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}
        """;

    private JsonElement _item;
    private Resource _resource = null!;
    private PolicyDocument _policy = null!;
    private Evaluator _evaluator = null!;
    private int _bucketRule;
    private ScanResult _findings = null!;

    [GlobalSetup]
    public void Setup()
    {
        _item = JsonDocument.Parse(Item).RootElement.Clone();
        _resource = ConfigurationItems.ToResource(_item);
        _policy = PolicyDocument.Parse(Policy);
        var catalog = RuleCatalogFiles.Load([RuleCatalogFiles.DefaultCatalog()]);
        _bucketRule = catalog.Rules.ToList().FindIndex(r => r.Id == "segregation-bucket-policy-no-foreign-access");
        _evaluator = new Evaluator(catalog, RuleFixtures.DefaultEstate, new Inventory([_resource]), _ => RuleParams.Empty, RuleFixtures.DefaultNow);
        var finding = new Finding
        {
            RuleId = "tagging-required-tags", Family = "tagging", Severity = Severity.Medium, Verdict = Verdict.Fail,
            ResourceArn = "arn:aws:s3:::acme-orders", ResourceType = "AWS::S3::Bucket", AccountId = "111111111111",
            Region = "eu-west-1", Customer = "acme", Message = "AWS::S3::Bucket arn:aws:s3:::acme-orders is missing required tag(s) owner",
        };
        _findings = new ScanResult
        {
            ScanId = "bench", StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch, Resources = 10_000,
            Evaluations = new Dictionary<string, FamilySummary>(), Gaps = [], Findings = Enumerable.Repeat(finding, 10_000).ToList(),
            Rules = [], Estate = Estate.Empty,
        };
    }

    [Benchmark]
    public Resource ParseConfigurationItem() => ConfigurationItems.ToResource(_item);

    [Benchmark]
    public PolicyDocument ParsePolicyDocument() => PolicyDocument.Parse(Policy);

    [Benchmark]
    public bool EvaluatePolicyDocument() => new PermissionSet([_policy], DateTimeOffset.UnixEpoch).Can("iam:PutUserPolicy").Allowed;

    [Benchmark]
    public RuleResult OneRuleOnOneResource() => _evaluator.Evaluate(_bucketRule, _resource);

    [Benchmark(OperationsPerInvoke = 10_000)]
    public long WriteTenThousandFindings()
    {
        using var stream = new MemoryStream();
        FindingsJson.Write(stream, _findings);
        return stream.Length;
    }
}
