using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class ResourcePoliciesTests
{
    private const string Policy = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"x:Y","Resource":"*"}]}""";

    private static string Text => System.Text.Json.JsonSerializer.Serialize(Policy);

    [Theory]
    [InlineData("AWS::S3::Bucket", "\"configuration\":{},\"supplementaryConfiguration\":{\"BucketPolicy\":{\"policyText\":TEXT}}")]
    [InlineData("AWS::SQS::Queue", "\"configuration\":{\"Policy\":TEXT}")]
    [InlineData("AWS::SNS::Topic", "\"configuration\":{\"Policy\":TEXT}")]
    [InlineData("AWS::KMS::Key", "\"configuration\":{},\"supplementaryConfiguration\":{\"Policy\":TEXT}")]
    [InlineData("AWS::Lambda::Function", "\"configuration\":{},\"supplementaryConfiguration\":{\"Policy\":TEXT}")]
    [InlineData("AWS::IAM::Role", "\"configuration\":{\"assumeRolePolicyDocument\":TEXT}")]
    [InlineData("AWS::ECR::Repository", "\"configuration\":{\"RepositoryPolicyText\":TEXT}")]
    [InlineData("AWS::SecretsManager::Secret", "\"configuration\":{},\"supplementaryConfiguration\":{\"ResourcePolicy\":TEXT}")]
    public void ThePolicyIsFoundWhereConfigKeepsItForTheType(string type, string body)
    {
        var resource = IamTestData.Item($$"""{"resourceType":"{{type}}","resourceId":"r","awsAccountId":"111111111111",{{body.Replace("TEXT", Text, StringComparison.Ordinal)}}}""");

        var policy = ResourcePolicies.Of(resource);

        Assert.True(Assert.Single(policy!.Statements).Principals[0].IsEveryone);
    }

    [Theory]
    [InlineData("\"supplementaryConfiguration\":{}")]
    [InlineData("\"supplementaryConfiguration\":{\"BucketPolicy\":{\"policyText\":null}}")]
    public void ABucketWithoutAPolicyHasNone(string body)
    {
        var resource = IamTestData.Item($$"""{"resourceType":"AWS::S3::Bucket","resourceId":"b","awsAccountId":"111111111111","configuration":{},{{body}}}""");

        Assert.Null(ResourcePolicies.Of(resource));
    }
}
