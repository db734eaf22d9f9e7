using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// When the SCPs answer alike for every role of an account, the principal graph asks once for all of them. A
/// resource perimeter ("deny unless the resource is in our accounts / our organisation") is such an SCP: its
/// condition names the resource's account, which one account's roles share. It is not alike for a pattern over
/// every account, for a Deny on the resource's tags, or for a Deny of one role.
/// </summary>
public sealed class ServiceControlAlikeTests
{
    private const string Member = "111111111111";
    private const string OneAccount = $"arn:aws:iam::{Member}:role/*";
    private const string EveryAccount = "arn:aws:iam::*:role/*";

    [Theory]
    [InlineData("""{"StringNotEqualsIfExists":{"aws:ResourceAccount":["111111111111","222222222222"]}}""", OneAccount, true)]
    [InlineData("""{"StringNotEqualsIfExists":{"aws:ResourceOrgID":"o-exampleorgid"}}""", OneAccount, true)]
    [InlineData("""{"Bool":{"aws:MultiFactorAuthPresent":"false"}}""", OneAccount, true)]
    [InlineData("""{"StringNotEqualsIfExists":{"aws:ResourceAccount":["111111111111","222222222222"]}}""", EveryAccount, false)]
    [InlineData("""{"StringNotEquals":{"aws:ResourceTag/customer":"a"}}""", OneAccount, false)]
    [InlineData("""{"StringNotEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}""", OneAccount, false)]
    [InlineData("""{"StringEquals":{"iam:ResourceTag/tier":"critical"}}""", OneAccount, false)]
    public void ADenyOnEveryRoleIsAlikeOnlyWhenItsConditionCannotTellTheRolesApart(string condition, string pattern, bool alike)
    {
        var limit = Limit($$"""{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{{condition}}}""");
        Assert.Equal(alike, limit.CoversEvery("sts:AssumeRole", pattern));
        // Either way the role is still assumable under the SCPs: only whether one answer serves all differs.
        Assert.Null(limit.Can("sts:AssumeRole", pattern).Refusal);
    }

    [Fact]
    public void ADenyOfOneRoleIsNeverAlike()
    {
        var limit = Limit($$"""{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Member}}:role/break-glass"}""");
        Assert.False(limit.CoversEvery("sts:AssumeRole", OneAccount));
    }

    [Fact]
    public void WithoutAnyDenyEveryPatternIsAlike()
    {
        var limit = Limit();
        Assert.True(limit.CoversEvery("sts:AssumeRole", OneAccount));
        Assert.True(limit.CoversEvery("sts:AssumeRole", EveryAccount));
    }

    private static ServiceControlLimit Limit(params string[] denies)
    {
        var full = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "FullAWSAccess");
        var fence = PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", denies)}}]}""", "Fence");
        var organization = new Organization("o-exampleorgid", "999999999999",
        [
            new("r-examplerootid", null, "Root") { ServiceControlPolicies = [full] },
            new(Member, "r-examplerootid", "member") { ServiceControlPolicies = denies.Length > 0 ? [full, fence] : [full] },
            new("999999999999", "r-examplerootid", "management") { ServiceControlPolicies = [full] },
        ]);
        return ServiceControlLimit.For(organization, Member, serviceLinked: false, RuleFixtures.DefaultNow)!;
    }
}
