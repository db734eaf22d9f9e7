using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class AccessAnalyzerTests
{
    private const string Owner = "111111111111";

    private static IReadOnlyList<AccessGrant> Grants(string principal, string condition = "", string effect = "Allow") =>
        AccessAnalyzer.Grants(
            PolicyDocument.Parse($$"""{"Statement":[{"Sid":"S1","Effect":"{{effect}}","Principal":{{principal}},"Action":"sqs:SendMessage","Resource":"*"{{condition}}}]}""", "queue policy"),
            Owner,
            RuleFixtures.DefaultEstate);

    private static AccessGrant Grant(string principal, string condition = "") => Assert.Single(Grants(principal, condition));

    [Theory]
    [InlineData("""{"AWS":"111111111111"}""", GrantKind.Own)]
    [InlineData("""{"AWS":"arn:aws:iam::222222222222:root"}""", GrantKind.SameCustomer)]
    [InlineData("""{"AWS":"arn:aws:iam::999999999999:role/platform-ops"}""", GrantKind.Platform)]
    [InlineData("""{"AWS":"arn:aws:iam::333333333333:user/eve"}""", GrantKind.OtherCustomer)]
    [InlineData("""{"AWS":"arn:aws:sts::444444444444:assumed-role/r/s"}""", GrantKind.UnknownAccount)]
    [InlineData("""{"AWS":"aroaexampleuniqueid"}""", GrantKind.UnknownAccount)]
    [InlineData("""{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}""", GrantKind.UnknownAccount)]
    [InlineData("\"*\"", GrantKind.Public)]
    [InlineData("""{"AWS":"*"}""", GrantKind.Public)]
    [InlineData("""{"Service":"sns.amazonaws.com"}""", GrantKind.Service)]
    [InlineData("""{"Federated":"cognito-identity.amazonaws.com"}""", GrantKind.Federated)]
    [InlineData("""{"Federated":"arn:aws:iam::111111111111:saml-provider/okta"}""", GrantKind.Federated)]
    [InlineData("""{"Federated":"arn:aws:iam::444444444444:saml-provider/okta"}""", GrantKind.UnknownAccount)]
    [InlineData("""{"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1"}""", GrantKind.Service)]
    [InlineData("""{"AWS":"arn:aws:iam::156460612806:root"}""", GrantKind.Service)]
    [InlineData("""{"AWS":"127311923021"}""", GrantKind.Service)]
    public void EachPrincipalIsClassifiedAgainstTheEstate(string principal, GrantKind expected)
    {
        Assert.Equal(expected, Grant(principal).Kind);
    }

    /// <summary>AWS shows a deleted user's or role's unique id in place of its ARN; it admits nobody, so it is no grant.</summary>
    [Theory]
    [InlineData("""{"AWS":"AROAEXAMPLEUNIQUEID"}""")]
    [InlineData("""{"AWS":["AIDAEXAMPLEUNIQUEID2"]}""")]
    public void TheUniqueIdOfADeletedPrincipalIsNoGrant(string principal)
    {
        Assert.Empty(Grants(principal));
    }

    [Theory]
    [InlineData("""{"StringEquals":{"aws:SourceAccount":"111111111111"}}""", GrantKind.Own)]
    [InlineData("""{"StringEquals":{"AWS:SourceOwner":"222222222222"}}""", GrantKind.SameCustomer)]
    [InlineData("""{"StringEquals":{"aws:PrincipalAccount":["111111111111","999999999999"]}}""", GrantKind.Platform)]
    [InlineData("""{"StringEquals":{"kms:CallerAccount":"111111111111"}}""", GrantKind.Own)]
    [InlineData("""{"ArnLike":{"aws:SourceArn":"arn:aws:sns:eu-west-1:111111111111:topic"}}""", GrantKind.Own)]
    [InlineData("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::333333333333:role/r"}}""", GrantKind.OtherCustomer)]
    [InlineData("""{"StringEquals":{"aws:SourceAccount":"444444444444"}}""", GrantKind.UnknownAccount)]
    public void AStarPinnedToAccountsIsJudgedByThoseAccounts(string condition, GrantKind expected)
    {
        var grant = Grant("\"*\"", $",\"Condition\":{condition}");

        Assert.Equal(expected, grant.Kind);
        Assert.True(grant.Pinned);
        Assert.True(grant.IsEveryone);
    }

    [Theory]
    [InlineData("""{"StringEquals":{"kms:CallerAccount":"*","kms:ViaService":"s3.eu-west-1.amazonaws.com"}}""")]
    [InlineData("""{"StringEqualsIfExists":{"aws:SourceAccount":"111111111111"}}""")]
    [InlineData("""{"StringNotEquals":{"aws:SourceAccount":"333333333333"}}""")]
    [InlineData("""{"StringLike":{"aws:SourceAccount":"1111*"}}""")]
    [InlineData("""{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::bucket"}}""")]
    [InlineData("""{"ForAllValues:StringEquals":{"aws:SourceAccount":"111111111111"}}""")]
    public void ConditionsThatNameNoAccountForCertainDoNotPinAStar(string condition)
    {
        var grant = Grant("\"*\"", $",\"Condition\":{condition}");

        Assert.Equal(GrantKind.Public, grant.Kind);
        Assert.False(grant.Pinned);
        Assert.True(grant.IsForeign);
    }

    [Theory]
    [InlineData("aws:PrincipalOrgID", "o-abc123")]
    [InlineData("aws:SourceVpce", "vpce-1234")]
    [InlineData("aws:SourceIp", "10.0.0.0/8")]
    [InlineData("aws:ResourceAccount", "111111111111")]
    public void OrganisationNetworkAndResourceConditionsLeaveAStarPublicButConditionalAndSaySo(string key, string value)
    {
        var grant = Grant("\"*\"", $$""","Condition":{"StringEquals":{"{{key}}":"{{value}}"} }""");

        Assert.Equal(GrantKind.Public, grant.Kind);
        Assert.True(grant.Conditional);
        Assert.Contains($"conditional on StringEquals {key} {value}", grant.Description, StringComparison.Ordinal);
        Assert.Contains("does not pin it", grant.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void AServicePrincipalActingForAForeignAccountIsForeign()
    {
        var grant = Grant("""{"Service":"s3.amazonaws.com"}""", ""","Condition":{"StringEquals":{"aws:SourceAccount":"333333333333"}}""");

        Assert.Equal(GrantKind.OtherCustomer, grant.Kind);
    }

    [Fact]
    public void AWildcardServiceIsAsOpenAsAStarUnlessPinned()
    {
        Assert.Equal(GrantKind.Public, Grant("""{"Service":"*"}""").Kind);
        Assert.Equal(GrantKind.Own, Grant("""{"Service":"*"}""", ""","Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}""").Kind);
    }

    [Fact]
    public void AForeignAccountPinnedByItsConditionsToTheOwnAccountReachesNoOneForeign()
    {
        var grant = Grant("""{"AWS":"arn:aws:iam::444444444444:root"}""", ""","Condition":{"StringEquals":{"aws:PrincipalAccount":"111111111111"}}""");

        Assert.False(grant.IsForeign);
    }

    [Fact]
    public void AnAllowWithNotPrincipalLetsInEveryoneElse()
    {
        var grants = AccessAnalyzer.Grants(
            PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"*"}]}"""),
            Owner, RuleFixtures.DefaultEstate);

        Assert.Equal(GrantKind.Public, Assert.Single(grants).Kind);
        Assert.StartsWith("anyone but AWS arn:aws:iam::111111111111:root", grants[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void DenyStatementsGrantNothing()
    {
        Assert.Empty(Grants("\"*\"", effect: "Deny"));
    }

    [Fact]
    public void TheDescriptionNamesThePrincipalItsRelationTheActionsAndTheStatement()
    {
        var grant = Grant("""{"AWS":"arn:aws:iam::333333333333:root"}""");

        Assert.Equal(
            "arn:aws:iam::333333333333:root (account 333333333333 of another customer, globex) may sqs:SendMessage under statement 'S1' of queue policy",
            grant.Description);
    }

    [Theory]
    [InlineData("ArnLike", "lambda.amazonaws.com")]
    [InlineData("ArnEquals", "my-bucket")]
    [InlineData("ArnLike", "s3.amazonaws.com")]
    public void AnArnTestOfSourceArnAgainstNoArnNeverHoldsSoTheStatementGrantsNothing(string op, string value)
    {
        // trivy AWS-0067 good example: aws:SourceArn always holds a whole ARN, and ArnEquals/ArnLike compare its
        // six segments, so a value that is no ARN never matches and nobody gets in.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
        var condition = $$$""","Condition":{"{{{op}}}":{"AWS:SourceArn":"{{{value}}}"}}""";

        Assert.Empty(Grants("""{"Service":"s3.amazonaws.com"}""", condition));
        Assert.Empty(Grants("\"*\"", condition));
    }

    [Theory]
    [InlineData("ArnLikeIfExists", "lambda.amazonaws.com", GrantKind.Public)]
    [InlineData("ArnNotLike", "lambda.amazonaws.com", GrantKind.Public)]
    [InlineData("ArnLike", "*", GrantKind.Public)]
    [InlineData("ArnLike", "arn:aws:s3:::my-bucket", GrantKind.Public)]
    [InlineData("ArnLike", "arn:aws:sns:us-east-1:444444444444", GrantKind.UnknownAccount)]
    [InlineData("ArnLike", "arn:aws:sns:us-east-1:111111111111:t", GrantKind.Own)]
    public void AnArnTestThatSomeRequestCanMeetStillGrants(string op, string value, GrantKind expected)
    {
        var condition = $$$""","Condition":{"{{{op}}}":{"aws:SourceArn":"{{{value}}}"}}""";

        Assert.Equal(expected, Grant("\"*\"", condition).Kind);
    }
}
