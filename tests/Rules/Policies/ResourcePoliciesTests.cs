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
    [InlineData("AWS::Backup::BackupVault", "\"configuration\":{\"BackupVaultName\":\"v\",\"AccessPolicy\":TEXT}")]
    [InlineData("AWS::S3Express::BucketPolicy", "\"configuration\":{\"Bucket\":\"b--use1-az4--x-s3\",\"PolicyDocument\":TEXT}")]
    [InlineData("AWS::ApiGateway::RestApi", "\"configuration\":{\"id\":\"a\",\"policy\":TEXT}")]
    public void ThePolicyIsFoundWhereConfigKeepsItForTheType(string type, string body)
    {
        var resource = IamTestData.Item($$"""{"resourceType":"{{type}}","resourceId":"r","awsAccountId":"111111111111",{{body.Replace("TEXT", Text, StringComparison.Ordinal)}}}""");

        var policy = ResourcePolicies.Of(resource);

        Assert.True(Assert.Single(policy!.Statements).Principals[0].IsEveryone);
    }

    // A scan's index keeps a resource whose policy may grant by tag (Inventory.Indexes): judged on the raw text, where
    // the serializer here writes every quote of the policy kept as a string as \u0022, an escape that hides nothing.
    [Theory]
    [InlineData("""{"StringEquals":{"aws:PrincipalTag/customer":"acme"}}""", true)]
    [InlineData("""{"StringEquals":{"AWS:PRINCIPALTAG/customer":"acme"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:PrincipalTag\/customer":"acme"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:Principal\u0054ag/customer":"acme"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:PrincipalAccount":"111111111111"}}""", false)]
    [InlineData("""{"StringEquals":{"aws:PrincipalOrgPaths":"o-1/r-1/ou-1/"}}""", false)]
    public void AResourcePolicyMayNameATagWhenItsTextSpellsOneEscapedOrNot(string condition, bool names)
    {
        var policy = $$$"""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{{{condition}}}}]}""";
        var resource = IamTestData.Item("""{"resourceType":"AWS::S3::Bucket","resourceId":"b","awsAccountId":"111111111111","configuration":{},"supplementaryConfiguration":{"BucketPolicy":{"policyText":"""
            + System.Text.Json.JsonSerializer.Serialize(policy) + "}}}");

        Assert.Equal(names, ResourcePolicies.MayNameTags(resource));
    }

    [Theory]
    [InlineData("\"supplementaryConfiguration\":{}")]
    [InlineData("\"supplementaryConfiguration\":{\"BucketPolicy\":{\"policyText\":null}}")]
    public void ABucketWithoutAPolicyHasNone(string body)
    {
        var resource = IamTestData.Item($$"""{"resourceType":"AWS::S3::Bucket","resourceId":"b","awsAccountId":"111111111111","configuration":{},{{body}}}""");

        Assert.Null(ResourcePolicies.Of(resource));
    }

    [Fact]
    public void ARestApiPolicyEscapedOnceMoreAsGetRestApiReturnsItIsRead()
    {
        // The policy as cloud-custodian recorded GetRestApi (tests/data/placebo/test_rest_api_has_statement, Apache-2.0).
        const string recorded = """
            "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Sid\\\":\\\"AllowDevEx\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"execute-api:Invoke\\\",\\\"Resource\\\":\\\"arn:aws:execute-api:us-east-1:123456789012:*\\\",\\\"Condition\\\":{\\\"StringEquals\\\":{\\\"aws:SourceVpc\\\":[\\\"vpc-1a2b3c4d\\\",\\\"vpc-abc123\\\"]}}},{\\\"Sid\\\":\\\"AllowIntraAccount\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"arn:aws:iam::123456789012:root\\\"},\\\"Action\\\":\\\"execute-api:Invoke\\\",\\\"Resource\\\":\\\"arn:aws:execute-api:us-east-1:123456789012:*\\\"}]}"
            """;
        var resource = IamTestData.Item("""{"resourceType":"AWS::ApiGateway::RestApi","resourceId":"jt2w8rh6ik","awsAccountId":"123456789012","configuration":{"id":"jt2w8rh6ik","policy":"""
            + recorded.Trim() + "}}");

        var statements = ResourcePolicies.Of(resource)!.Statements;

        Assert.Equal(2, statements.Count);
        Assert.True(Assert.Single(statements[0].Principals).IsEveryone);
        Assert.Equal("arn:aws:iam::123456789012:root", Assert.Single(statements[1].Principals).Value);
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:*", Assert.Single(statements[1].Resources));
    }

    [Fact]
    public void ARestApiPolicyThatIsNeitherJsonNorEscapedJsonIsAFormatError()
    {
        var resource = IamTestData.Item("""{"resourceType":"AWS::ApiGateway::RestApi","resourceId":"a","awsAccountId":"111111111111","configuration":{"policy":"{\\\"Statement\\\": [\\u"}}""");

        Assert.Throws<FormatException>(() => ResourcePolicies.Of(resource));
    }
}
