using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Templates;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary>
/// The same policy document must get the same verdict whether it arrives as a live configuration item
/// or in a template: both paths run here on each document, through the same catalog rule.
/// </summary>
public sealed class LiveAndTemplateParityTests
{
    private const string Own = "111122223333";
    private const string Sibling = "111122224444";
    private const string Other = "999988887777";

    private static readonly Estate Estate = new([new Customer("acme", "Acme", [Own, Sibling]), new Customer("globex", "Globex", [Other])], ["555566667777"], ["eu-west-1"]);

    public static TheoryData<string> Documents() =>
    [
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122224444:root"},"Action":"s3:GetObject","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3:*","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}""",
        """{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"*"}]}""",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void ABucketPolicyGetsTheSameVerdictLiveAndInATemplate(string policy)
    {
        var live = ConfigurationItems.ToResource(JsonDocument.Parse($$$"""
            {"resourceType":"AWS::S3::Bucket","resourceId":"data","resourceName":"data","awsAccountId":"{{{Own}}}","awsRegion":"eu-west-1",
             "ARN":"arn:aws:s3:::data","configuration":{},"supplementaryConfiguration":{"BucketPolicy":{"policyText":{{{JsonSerializer.Serialize(policy)}}} } } }
            """).RootElement);
        var template = Mapped($"Resources:\n  Data: {{ Type: AWS::S3::Bucket, Properties: {{ BucketName: data }} }}\n  Grant: {{ Type: AWS::S3::BucketPolicy, Properties: {{ Bucket: !Ref Data, PolicyDocument: {policy} }} }}\n", "Data");
        Assert.Equal(Verdict(live, "segregation-bucket-policy-no-foreign-access"), Verdict(template, "segregation-bucket-policy-no-foreign-access"));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void ARoleTrustGetsTheSameVerdictLiveAndInATemplate(string policy)
    {
        var trust = policy.Replace("s3:GetObject", "sts:AssumeRole", StringComparison.Ordinal).Replace("s3:*", "sts:AssumeRole", StringComparison.Ordinal)
            .Replace("s3:PutObject", "sts:AssumeRole", StringComparison.Ordinal);
        var live = ConfigurationItems.ToResource(JsonDocument.Parse($$$"""
            {"resourceType":"AWS::IAM::Role","resourceId":"app","resourceName":"app","awsAccountId":"{{{Own}}}","awsRegion":"global",
             "ARN":"arn:aws:iam::{{{Own}}}:role/app","configuration":{"AssumeRolePolicyDocument":{{{trust}}}}}
            """).RootElement);
        var template = Mapped($"Resources:\n  App: {{ Type: AWS::IAM::Role, Properties: {{ RoleName: app, AssumeRolePolicyDocument: {trust} }} }}\n", "App");
        Assert.Equal(Verdict(live, "segregation-role-trust-no-foreign-account"), Verdict(template, "segregation-role-trust-no-foreign-account"));
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}""")]
    public void AnInlineRolePolicyGetsTheSameVerdictLiveAndInATemplate(string policy)
    {
        var live = ConfigurationItems.ToResource(JsonDocument.Parse($$$"""
            {"resourceType":"AWS::IAM::Role","resourceId":"app","resourceName":"app","awsAccountId":"{{{Own}}}","awsRegion":"global",
             "ARN":"arn:aws:iam::{{{Own}}}:role/app","configuration":{"RolePolicyList":[{"PolicyName":"p","PolicyDocument":{{{policy}}}}]}}
            """).RootElement);
        var template = Mapped($"Resources:\n  App: {{ Type: AWS::IAM::Role, Properties: {{ RoleName: app, Policies: [{{ PolicyName: p, PolicyDocument: {policy} }}] }} }}\n", "App");
        Assert.Equal(Verdict(live, "iam-principal-no-admin-access"), Verdict(template, "iam-principal-no-admin-access"));
    }

    private static Resource Mapped(string yaml, string logicalId) =>
        TemplateMapper.Map(TemplateReaderTests.Read(yaml), new TemplateContext { Account = Own, Region = "eu-west-1" })
            .Resources.Single(r => r.Source.LogicalId == logicalId).Resource;

    private static Verdict Verdict(Resource resource, string ruleId)
    {
        var catalog = Support.Catalog.Rules;
        var evaluator = new Evaluator(catalog, Estate, new Inventory([resource]), _ => RuleParams.Empty, TemplateChecks.Now);
        var index = catalog.Rules.ToList().FindIndex(r => r.Id == ruleId);
        return evaluator.Evaluate(index, resource).Verdict;
    }
}
