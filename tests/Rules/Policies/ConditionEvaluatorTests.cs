using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// Every condition operator against concrete requests, with the examples of AWS's condition operator,
/// multivalued key and policy variable pages.
/// </summary>
public sealed class ConditionEvaluatorTests
{
    private static RequestContext Request() => new("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/carlos/notes.txt");

    private static bool? Eval(string op, string key, string[] values, RequestContext request) =>
        ConditionEvaluator.Evaluate(new PolicyCondition(op, key, values), request);

    [Fact]
    public void ValuesOfOneKeyAreOredAndStringEqualsIsCaseSensitive()
    {
        var request = Request().With("aws:PrincipalTag/team", "Blue");

        Assert.True(Eval("StringEquals", "aws:principaltag/team", ["Red", "Blue"], request));
        Assert.False(Eval("StringEquals", "aws:PrincipalTag/team", ["blue"], request));
        Assert.True(Eval("StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["blue"], request));
        Assert.True(Eval("StringNotEquals", "aws:PrincipalTag/team", ["Red", "Green"], request));
    }

    [Fact]
    public void AnAbsentKeyFailsAPositiveTestAndPassesANegatedOneOrIfExists()
    {
        var request = Request();

        Assert.False(Eval("StringEquals", "aws:SourceVpce", ["vpce-1a2b3c4d"], request));
        Assert.True(Eval("StringNotEquals", "aws:SourceVpce", ["vpce-1a2b3c4d"], request));
        Assert.True(Eval("StringEqualsIfExists", "aws:SourceVpce", ["vpce-1a2b3c4d"], request));
        Assert.True(Eval("Null", "aws:SourceVpce", ["true"], request));
        Assert.False(Eval("Null", "aws:SourceVpce", ["false"], request));
    }

    [Fact]
    public void PolicyVariablesTakeTheRequestsValuesAndAMissingOneMatchesNothing()
    {
        var carlos = Request().With("aws:username", "carlos").With("s3:prefix", "home/carlos/");
        var anonymous = Request().With("s3:prefix", "home/carlos/");

        Assert.True(Eval("StringLike", "s3:prefix", ["home/${aws:username}/*"], carlos));
        Assert.False(Eval("StringLike", "s3:prefix", ["home/${aws:username}/*"], anonymous));
        Assert.True(Eval("StringLike", "s3:prefix", ["home/${aws:username, 'carlos'}/*"], anonymous));
    }

    [Fact]
    public void TheSpecialCharacterVariablesAreLiteralsNotWildcards()
    {
        Assert.True(Eval("StringLike", "aws:PrincipalTag/x", ["a${*}b"], Request().With("aws:PrincipalTag/x", "a*b")));
        Assert.False(Eval("StringLike", "aws:PrincipalTag/x", ["a${*}b"], Request().With("aws:PrincipalTag/x", "axyb")));
        Assert.True(Eval("StringEquals", "aws:PrincipalTag/x", ["${$}${?}"], Request().With("aws:PrincipalTag/x", "$?")));
        // A request value's own '*' is a character, never a wildcard that matches the policy.
        Assert.False(Eval("StringLike", "aws:PrincipalTag/x", ["abc"], Request().With("aws:PrincipalTag/x", "*")));
    }

    [Fact]
    public void ForAllValuesPassesOnAnEmptySetAndForAnyValueFailsOnIt()
    {
        var none = Request();
        var subset = Request().WithValues("aws:TagKeys", "environment");
        var extra = Request().WithValues("aws:TagKeys", "environment", "owner");
        string[] allowed = ["environment", "cost-center"];

        Assert.True(Eval("ForAllValues:StringEquals", "aws:TagKeys", allowed, none));
        Assert.True(Eval("ForAllValues:StringEquals", "aws:TagKeys", allowed, subset));
        Assert.False(Eval("ForAllValues:StringEquals", "aws:TagKeys", allowed, extra));
        Assert.False(Eval("ForAnyValue:StringEquals", "aws:TagKeys", allowed, none));
        Assert.True(Eval("ForAnyValue:StringEquals", "aws:TagKeys", allowed, extra));
        Assert.True(Eval("ForAnyValue:StringNotEquals", "aws:TagKeys", allowed, extra));
        Assert.False(Eval("ForAllValues:StringNotEquals", "aws:TagKeys", allowed, extra));
    }

    [Fact]
    public void ForAnyValueOnASingleValuedKeyIsEqualityThatTheKeyMustBePresentFor()
    {
        Assert.True(Eval("ForAnyValue:StringEquals", "aws:SourceAccount", ["111111111111"], Request().With("aws:SourceAccount", "111111111111")));
        Assert.False(Eval("ForAnyValue:StringEquals", "aws:SourceAccount", ["111111111111"], Request().With("aws:SourceAccount", "999999999999")));
        Assert.False(Eval("ForAnyValue:StringEquals", "aws:SourceAccount", ["111111111111"], Request()));
    }

    [Fact]
    public void NumericDateAndBoolOperatorsCompareValues()
    {
        var request = Request().With("s3:max-keys", "10").With("aws:CurrentTime", "2026-06-01T12:00:00Z").With("aws:MultiFactorAuthPresent", "true")
            .With("aws:EpochTime", "1780000000");

        Assert.True(Eval("NumericLessThanEquals", "s3:max-keys", ["10"], request));
        Assert.False(Eval("NumericGreaterThan", "s3:max-keys", ["10"], request));
        Assert.True(Eval("NumericNotEquals", "s3:max-keys", ["11"], request));
        Assert.True(Eval("DateGreaterThan", "aws:CurrentTime", ["2026-01-01T00:00:00Z"], request));
        Assert.True(Eval("DateLessThan", "aws:CurrentTime", ["1800000000"], request));
        Assert.True(Eval("Bool", "aws:MultiFactorAuthPresent", ["TRUE"], request));
        Assert.True(Eval("BoolIfExists", "aws:SecureTransport", ["false"], request));
        Assert.Null(Eval("NumericEquals", "s3:max-keys", ["ten"], request));
    }

    [Fact]
    public void IpAddressMatchesCidrBlocksOfBothFamilies()
    {
        var v4 = Request().With("aws:SourceIp", "203.0.113.7");
        var v6 = Request().With("aws:SourceIp", "2001:db8:1234::1");

        Assert.True(Eval("IpAddress", "aws:SourceIp", ["203.0.113.0/24"], v4));
        Assert.False(Eval("IpAddress", "aws:SourceIp", ["198.51.100.0/24"], v4));
        Assert.True(Eval("NotIpAddress", "aws:SourceIp", ["198.51.100.0/24", "2001:db8:1234::/48"], v4));
        Assert.True(Eval("IpAddress", "aws:SourceIp", ["2001:DB8:1234::/48"], v6));
        Assert.True(Eval("IpAddress", "aws:SourceIp", ["203.0.113.7"], v4));
    }

    [Fact]
    public void ArnOperatorsMatchSegmentBySegment()
    {
        var request = Request().With("aws:SourceArn", "arn:aws:sns:us-east-1:111111111111:topic:extra");

        Assert.True(Eval("ArnLike", "aws:SourceArn", ["arn:aws:sns:*:111111111111:*"], request));
        Assert.True(Eval("ArnEquals", "aws:SourceArn", ["arn:aws:sns:us-east-1:111111111111:topic:extra"], request));
        // A wildcard stays within its segment: '*' in the region cannot swallow the account.
        Assert.False(Eval("ArnLike", "aws:SourceArn", ["arn:aws:sns:*:222222222222:*"], request));
        Assert.True(Eval("ArnNotLike", "aws:SourceArn", ["arn:aws:sns:*:222222222222:*"], request));
    }

    [Fact]
    public void BinaryEqualsComparesTheDecodedBytes()
    {
        Assert.True(Eval("BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], Request().With("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")));
        Assert.False(Eval("BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], Request().With("key", "b3RoZXI=")));
    }

    [Fact]
    public void AnOperatorIamDoesNotHaveIsUnknownNotFalse()
    {
        Assert.Null(Eval("StringSortOf", "aws:SourceAccount", ["111111111111"], Request().With("aws:SourceAccount", "111111111111")));
    }
}
