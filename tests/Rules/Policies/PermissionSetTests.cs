using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class PermissionSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static PermissionSet Of(params string[] statements) =>
        new(statements.Select((s, i) => PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{s}}]}""", $"policy {i + 1}")), Now);

    [Fact]
    public void AnAllowOfEveryActionOnEveryResourceIsAdministratorAccess()
    {
        var permissions = Of("""{"Effect":"Allow","Action":"*","Resource":"*"}""");

        Assert.True(permissions.AllowsAdmin);
        Assert.False(permissions.Admin.Conditional);
    }

    [Fact]
    public void AnExplicitDenyWinsOverAnAllowEvenInAnotherPolicy()
    {
        var permissions = Of("""{"Effect":"Allow","Action":"*","Resource":"*"}""", """{"Effect":"Deny","Action":"*","Resource":"*"}""");

        Assert.False(permissions.AllowsAdmin);
        Assert.False(permissions.Can("iam:CreatePolicyVersion").Allowed);
        Assert.Contains("denied by statement #1 of policy 2", permissions.Can("iam:PassRole").Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void AllowAndDenyOfTheSameActionsInOnePolicyGrantNothing()
    {
        var permissions = Of("""{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}""");

        Assert.False(permissions.Can("iam:PutUserPolicy").Allowed);
    }

    [Fact]
    public void ADenyOnlyPolicyGrantsNothing()
    {
        Assert.False(Of("""{"Effect":"Deny","Action":"iam:*","Resource":"*"}""").Can("iam:PassRole").Allowed);
    }

    [Fact]
    public void NotActionAllowsEveryActionItDoesNotName()
    {
        var permissions = Of("""{"Effect":"Allow","NotAction":["iam:Update*","iam:Create*","iam:Attach*"],"Resource":"*"}""");

        Assert.True(permissions.Can("iam:PutUserPolicy").Allowed);
        Assert.True(permissions.Can("ssm:SendCommand").Allowed);
        Assert.False(permissions.Can("iam:CreatePolicyVersion").Allowed);
        Assert.False(permissions.AllowsAdmin);
    }

    [Fact]
    public void NotResourceAllowsEveryResourceItDoesNotName()
    {
        var permissions = Of("""{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}""");

        Assert.True(permissions.Can("s3:GetObject", "arn:aws:s3:::public/a").Allowed);
        Assert.False(permissions.Can("s3:GetObject", "arn:aws:s3:::secret/a").Allowed);
        Assert.True(permissions.Can("s3:GetObject").Allowed);
        Assert.False(permissions.Can("s3:GetObject").OnEveryResource);
    }

    [Fact]
    public void ADenyOnPartOfTheResourcesLeavesTheRestAllowed()
    {
        var permissions = Of("""{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secret/*"}""");

        Assert.True(permissions.Can("s3:GetObject").Allowed);
        Assert.False(permissions.Can("s3:GetObject").OnEveryResource);
        Assert.False(permissions.Can("s3:GetObject", "arn:aws:s3:::secret/x").Allowed);
    }

    [Fact]
    public void AResourceLimitedToAwssOwnNamespaceReachesNothingInTheAccount()
    {
        var permissions = Of("""{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::aws:policy/fp4-*"}""");

        Assert.False(permissions.Can("iam:CreatePolicyVersion", "arn:*:*:*:200611803367:*").Allowed);
        Assert.True(Of("""{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::*:policy/fn2-*"}""")
            .Can("iam:CreatePolicyVersion", "arn:*:*:*:200611803367:*").Allowed);
    }

    [Theory]
    [InlineData("DateLessThan", "aws:TokenIssueTime", "2020-01-01T00:00:01Z", false, false)]
    [InlineData("DateGreaterThan", "aws:TokenIssueTime", "2020-01-01T00:00:01Z", true, false)]
    [InlineData("DateLessThan", "aws:CurrentTime", "2025-01-01T00:00:00Z", false, false)]
    [InlineData("DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z", true, false)]
    [InlineData("DateLessThan", "aws:CurrentTime", "2027-01-01T00:00:00Z", true, false)]
    [InlineData("DateGreaterThan", "aws:CurrentTime", "2027-01-01T00:00:00Z", true, true)]
    [InlineData("DateLessThanIfExists", "aws:TokenIssueTime", "2020-01-01T00:00:01Z", true, true)]
    [InlineData("DateLessThan", "aws:CurrentTime", "1577836800", false, false)]
    public void DateConditionsAreJudgedAgainstTheScansClock(string op, string key, string value, bool allowed, bool conditional)
    {
        var decision = Of($$"""{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*","Condition":{"{{op}}":{"{{key}}":"{{value}}"} } }""")
            .Can("iam:CreatePolicyVersion");

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(conditional, decision.Conditional);
    }

    [Fact]
    public void AConditionWeCannotJudgeLeavesTheGrantInPlaceMarkedConditional()
    {
        var decision = Of("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""").Admin;

        Assert.True(decision.Allowed);
        Assert.True(decision.Conditional);
        Assert.Contains("conditional: Bool aws:MultiFactorAuthPresent true", decision.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADenyWhoseConditionWeCannotProveDoesNotCancelTheAllowButMakesItConditional()
    {
        var decision = Of(
            """{"Effect":"Allow","Action":"*","Resource":"*"}""",
            """{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}""").Admin;

        Assert.True(decision.Allowed);
        Assert.True(decision.Conditional);
        Assert.Single(decision.ConditionalDenials);
    }

    [Fact]
    public void ADenyWhoseDateConditionCanNeverHoldIsIgnored()
    {
        var decision = Of(
            """{"Effect":"Allow","Action":"*","Resource":"*"}""",
            """{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2021-01-01T00:00:00Z"}}}""").Admin;

        Assert.True(decision.Allowed);
        Assert.False(decision.Conditional);
    }

    [Fact]
    public void ServiceWideWildcardsAreNotAdministratorAccess()
    {
        var permissions = Of("""{"Effect":"Allow","Action":["iam:*","ec2:*","s3:*"],"Resource":"*"}""");

        Assert.False(permissions.AllowsAdmin);
        Assert.True(permissions.Can("iam:AttachUserPolicy").Allowed);
        Assert.True(permissions.Can("iam:*").Allowed);
    }

    [Fact]
    public void PermissionsSplitOverTwoPoliciesCombine()
    {
        var permissions = Of("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""", """{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}""");

        Assert.True(permissions.Can("iam:PassRole").Allowed && permissions.Can("ec2:RunInstances").Allowed);
    }
}
