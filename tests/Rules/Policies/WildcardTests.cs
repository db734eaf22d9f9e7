using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class WildcardTests
{
    [Theory]
    [InlineData("iam:Create*", "iam:CreatePolicyVersion", true)]
    [InlineData("iam:create*", "IAM:CreateUser", true)]
    [InlineData("*", "ec2:RunInstances", true)]
    [InlineData("s3:Get?bject", "s3:GetObject", true)]
    [InlineData("s3:Get?bject", "s3:GetBucketObject", false)]
    [InlineData("iam:Create*", "iam:AttachUserPolicy", false)]
    public void ActionsMatchWithWildcardsAndIgnoringCase(string pattern, string action, bool expected)
    {
        Assert.Equal(expected, Wildcard.ActionMatches(pattern, action));
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b.txt", true)]
    [InlineData("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a", false)]
    [InlineData("arn:aws:iam::*:role/admin", "arn:aws:iam::123456789012:role/admin", true)]
    [InlineData("arn:aws:iam::1*:role/*", "arn:aws:iam::123456789012:role/x", true)]
    [InlineData("arn:aws:lambda:*:*:function:f*", "arn:aws:lambda:eu-west-1:123456789012:function:fn:live", true)]
    [InlineData("*", "arn:aws:sqs:eu-west-1:123456789012:q", true)]
    public void ResourcesMatchCaseSensitivelySegmentBySegment(string pattern, string arn, bool expected)
    {
        Assert.Equal(expected, Wildcard.ResourceMatches(pattern, arn));
    }

    [Fact]
    public void AWildcardInTheRegionCannotSwallowTheAccountSegment()
    {
        Assert.False(Wildcard.ResourceMatches("arn:aws:sqs:*:111111111111:q", "arn:aws:sqs:eu-west-1:222222222222:q"));
    }

    [Theory]
    [InlineData("arn:aws:iam::*:policy/fn2-*", "arn:*:*:*:200611803367:*", true)]
    [InlineData("arn:aws:iam::aws:policy/fp4-*", "arn:*:*:*:200611803367:*", false)]
    [InlineData("*", "arn:*:*:*:200611803367:*", true)]
    [InlineData("arn:aws:s3:::bucket", "arn:*:*:*:200611803367:*", false)]
    [InlineData("arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:user/alice", true)]
    [InlineData("arn:aws:iam::123456789012:role/a*", "arn:aws:iam::123456789012:role/*b", true)]
    [InlineData("arn:aws:iam::123456789012:role/a?", "arn:aws:iam::123456789012:role/abc", false)]
    public void TwoResourcePatternsOverlapWhenSomeArnMatchesBoth(string a, string b, bool expected)
    {
        Assert.Equal(expected, Wildcard.ResourcesOverlap(a, b));
        Assert.Equal(expected, Wildcard.ResourcesOverlap(b, a));
    }

    [Theory]
    [InlineData("*", "iam:*", true)]
    [InlineData("iam:*", "iam:Create*", true)]
    [InlineData("iam:Create*", "iam:*", false)]
    [InlineData("iam:Get?", "iam:*", false)]
    [InlineData("iam:PassRole", "iam:PassRole", true)]
    public void APatternCoversAQueryWhenItNamesEverythingTheQueryNames(string pattern, string query, bool expected)
    {
        Assert.Equal(expected, Wildcard.ActionCovers(pattern, query));
    }
}
