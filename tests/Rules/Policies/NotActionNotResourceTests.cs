using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// Action and resource matching as IAM does it: case-insensitive action names, wildcards anywhere and
/// repeated, and NotAction/NotResource whose names match nothing, which exclude nothing.
/// </summary>
public sealed class NotActionNotResourceTests
{
    private static PermissionSet Permissions(params string[] statements) =>
        new(statements.Select(s => PolicyDocument.Parse($$"""{"Statement":[{{s}}]}""")), IamTestData.Now);

    [Theory]
    [InlineData("""{"Effect":"Allow","NotAction":"prowler:action","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","NotAction":["iam","nosuchservice:*"],"Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"*","NotResource":"prowler:resource"}""")]
    [InlineData("""{"Effect":"Allow","NotAction":"prowler:action","NotResource":["not-an-arn"]}""")]
    [InlineData("""{"Effect":"Allow","NotAction":["s3:NoSuchAction","iam:Fetch*"],"Resource":"*"}""")]
    public void AnAllowThroughANotActionOrNotResourceThatNamesNothingIsAdministratorAccess(string statement)
    {
        Assert.True(Permissions(statement).AllowsAdmin);
        Assert.Single(IdentityPolicyChecks.AdminStatements([PolicyDocument.Parse($$"""{"Statement":[{{statement}}]}""")]));
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","NotAction":"s3*:*","Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"*","NotResource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::*"}""")]
    public void ANotActionOrNotResourceThatNamesRealThingsIsNotAdministratorAccess(string statement)
    {
        Assert.False(Permissions(statement).AllowsAdmin);
    }

    [Theory]
    [InlineData("s3:GetObject", true)]
    [InlineData("S3:getOBJECT", true)]
    [InlineData("s3:Get*", true)]
    [InlineData("*:GetObject", true)]
    [InlineData("ec2:Describe?nstances", true)]
    [InlineData("s3:GetObjects", false)]
    [InlineData("s3:Fetch*", false)]
    [InlineData("prowler:action", false)]
    [InlineData("s3:Get?", false)]
    public void AnActionNamesSomethingOnlyWhenAwsHasAnActionItMatches(string pattern, bool names)
    {
        Assert.Equal(names, ServiceCatalog.NamesAnyAction(pattern));
        // Asked again, from the remembered verdict for wildcards.
        Assert.Equal(names, ServiceCatalog.NamesAnyAction(pattern));
    }

    [Fact]
    public void UnknownActionsAreNamedInAllowAndDenyStatementsButRealOnesAreNot()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[
              {"Effect":"Allow","Action":["s3:GetObjects","s3:ListBucket"],"Resource":"*"},
              {"Effect":"Deny","NotAction":"iam:Fetch*","Resource":"*"},
              {"Effect":"Allow","Action":"iam:*Policy*","Resource":"*"}]}
            """);

        var unknown = IdentityPolicyChecks.UnknownActions([policy]);

        Assert.Equal([["s3:GetObjects"], ["iam:Fetch*"]], unknown.Select(u => u.Names.ToArray()));
        Assert.Equal([true, false], unknown.Select(u => u.Statement.IsAllow));
    }

    [Fact]
    public void ADenyWithANotActionNamingNothingStillDeniesEverything()
    {
        var permissions = Permissions("""{"Effect":"Allow","Action":"*","Resource":"*"}""", """{"Effect":"Deny","NotAction":"prowler:action","Resource":"*"}""");

        Assert.False(permissions.AllowsAdmin);
        Assert.False(permissions.Can("iam:CreatePolicyVersion").Allowed);
    }

    [Theory]
    [InlineData("IAM:createPOLICYversion")]
    [InlineData("iam:Create*Version")]
    [InlineData("iam:CreatePolicyV?rsion")]
    [InlineData("iam:**")]
    public void ActionNamesAreCaseInsensitiveWithWildcardsAnywhere(string pattern)
    {
        var permissions = Permissions($$"""{"Effect":"Allow","Action":"{{pattern}}","Resource":"*"}""");

        Assert.True(permissions.Can("iam:CreatePolicyVersion").Allowed);
        Assert.True(RequestMatch.NamesAction(PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Action":"{{pattern}}","Resource":"*"}]}""").Statements[0], "iam:CreatePolicyVersion"));
    }

    [Fact]
    public void ADoubleStarIsAServiceWideWildcard()
    {
        Assert.True(IdentityPolicyChecks.IsServiceWide("s3:**"));
        Assert.True(IdentityPolicyChecks.IsServiceWide("s3:*"));
        Assert.False(IdentityPolicyChecks.IsServiceWide("s3:Get*"));
        Assert.False(IdentityPolicyChecks.IsServiceWide("*:*"));
    }

    [Fact]
    public void TheServiceCatalogKnowsCurrentServicesAndWhichRcpsCover()
    {
        Assert.Contains("bedrock-agentcore", ServiceCatalog.Prefixes);
        Assert.Contains("S3", ServiceCatalog.Prefixes);
        Assert.DoesNotContain("prowler", ServiceCatalog.Prefixes);
        Assert.Contains("kms", ServiceCatalog.RcpServices);
        Assert.DoesNotContain("lambda", ServiceCatalog.RcpServices);
    }
}
