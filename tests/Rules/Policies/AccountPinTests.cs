using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// ForAnyValue on a single-valued key is the same equality as the bare operator and is false when the
/// key is absent, so it pins a <c>"*"</c> to the accounts it names (pu-statement08/10/11/28/33 of the
/// policy-eval corpus); ForAllValues and ...IfExists pass an absent key, so they do not.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
/// </summary>
public sealed class AccountPinTests
{
    private const string Owner = "111111111111";

    private static AccessGrant Grant(string condition) =>
        Assert.Single(AccessAnalyzer.Grants(
            PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{{condition}}}]}"""),
            Owner, RuleFixtures.DefaultEstate));

    [Theory]
    [InlineData("""{"ForAnyValue:StringEquals":{"AWS:SourceOwner":"111111111111"}}""", GrantKind.Own)]
    [InlineData("""{"ForAnyValue:StringEquals":{"aws:PrincipalAccount":["111111111111","222222222222"]}}""", GrantKind.SameCustomer)]
    [InlineData("""{"ForAnyValue:ARNEquals":{"AWS:SourceArn":["arn:aws:iam::111111111111:role/a","arn:aws:iam::999999999999:role/b"]}}""", GrantKind.Platform)]
    [InlineData("""{"ForAnyValue:StringEquals":{"aws:SourceAccount":["111111111111","333333333333"]}}""", GrantKind.OtherCustomer)]
    public void ForAnyValueOnASingleValuedAccountKeyPinsToTheAccountsItNames(string condition, GrantKind expected)
    {
        var grant = Grant(condition);

        Assert.True(grant.Pinned);
        Assert.Equal(expected, grant.Kind);
    }

    [Theory]
    [InlineData("""{"ForAllValues:StringEquals":{"aws:SourceAccount":"111111111111"}}""")]
    [InlineData("""{"ForAnyValue:StringEqualsIfExists":{"aws:SourceAccount":"111111111111"}}""")]
    [InlineData("""{"ForAnyValue:StringLike":{"aws:SourceAccount":"1111*"}}""")]
    public void ATestThatAnAbsentKeyOrAWildcardPassesDoesNotPin(string condition)
    {
        var grant = Grant(condition);

        Assert.False(grant.Pinned);
        Assert.Equal(GrantKind.Public, grant.Kind);
    }

    [Fact]
    public void TheEvaluatorAgreesThatForAnyValueShutsOutARequestWithoutTheKey()
    {
        var condition = new PolicyCondition("ForAnyValue:StringEquals", "aws:SourceOwner", [Owner]);

        Assert.False(ConditionEvaluator.Evaluate(condition, new RequestContext("sqs:SendMessage", "*")));
        Assert.False(ConditionEvaluator.Evaluate(condition, new RequestContext("sqs:SendMessage", "*").With("aws:SourceOwner", "333333333333")));
        Assert.True(ConditionEvaluator.Evaluate(condition, new RequestContext("sqs:SendMessage", "*").With("aws:SourceOwner", Owner)));
    }

    [Fact]
    public void AResourceAccountTestNamingAnotherAccountMakesTheStatementGrantNothing()
    {
        // In the resource's own policy aws:ResourceAccount is always the owner: a statement requiring another
        // account never applies, and one requiring the owner always does (and so pins nobody).
        var other = AccessAnalyzer.Grants(
            PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:ResourceAccount":"333333333333"}}}]}"""),
            Owner, RuleFixtures.DefaultEstate);

        Assert.Empty(other);
        Assert.Equal(GrantKind.Public, Grant("""{"StringEquals":{"aws:ResourceAccount":"111111111111"}}""").Kind);
    }
}
