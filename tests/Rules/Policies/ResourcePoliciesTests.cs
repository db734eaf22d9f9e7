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

    // A policy that is only white space is none, as its text says: plain, escaped (\u0020, \n) or beyond ASCII (U+00A0, U+2003).
    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\" \\u0020\\n \"")]
    [InlineData("\"\u00a0\u2003\"")]
    [InlineData("null")]
    public void AQueuePolicyOfWhiteSpaceIsNone(string blank)
    {
        var resource = IamTestData.Item($$$"""{"resourceType":"AWS::SQS::Queue","resourceId":"q","awsAccountId":"111111111111","configuration":{"Policy":{{{blank}}}}}""");

        Assert.Null(ResourcePolicies.Of(resource));
        Assert.False(ResourcePolicies.MayNameTags(resource));
    }

    // A type without an entry of its own: the first of Policy, PolicyText, RepositoryPolicyText, ResourcePolicy (any case),
    // then the supplementary Policy and ResourcePolicy, that is present; one blank or null is passed over.
    [Theory]
    [InlineData("{\"policy\":\" \",\"PolicyText\":TEXT,\"ResourcePolicy\":BAD}", "{}")]
    [InlineData("{\"Policy\":null,\"repositorypolicytext\":\"\",\"RESOURCEPOLICY\":TEXT}", "{\"Policy\":BAD}")]
    [InlineData("{\"Policy\":\"\\u0020\"}", "{\"policy\":\"  \",\"ResourcePolicy\":TEXT}")]
    [InlineData("{\"Other\":BAD}", "{\"Policy\":TEXT,\"ResourcePolicy\":BAD}")]
    public void ATypeWithoutItsOwnPlaceHasTheFirstPolicyPresent(string configuration, string supplementary)
    {
        var bad = System.Text.Json.JsonSerializer.Serialize("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"x:Y","Resource":"*"}]}""");
        string Fill(string json) => json.Replace("TEXT", Text, StringComparison.Ordinal).Replace("BAD", bad, StringComparison.Ordinal);
        var resource = IamTestData.Item($$"""{"resourceType":"AWS::Custom::Thing","resourceId":"t","awsAccountId":"111111111111","configuration":{{Fill(configuration)}},"supplementaryConfiguration":{{Fill(supplementary)}}}""");

        var statement = Assert.Single(ResourcePolicies.Of(resource)!.Statements);

        Assert.True(statement.IsAllow);
    }

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("{\"Policy\":\" \",\"PolicyText\":null}", "{\"ResourcePolicy\":\"\"}")]
    public void ATypeWithoutItsOwnPlaceAndNoPolicyPresentHasNone(string configuration, string supplementary)
    {
        var resource = IamTestData.Item($$"""{"resourceType":"AWS::Custom::Thing","resourceId":"t","awsAccountId":"111111111111","configuration":{{configuration}},"supplementaryConfiguration":{{supplementary}}}""");

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
