using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Differential;

/// <summary>
/// Where @cloud-copilot/iam-simulate (0.1.173) and our evaluator disagree and AWS's documentation shows our
/// answer right: each case asserts our answer, quotes the documentation, and the generator of
/// <see cref="DifferentialTests"/> does not draw that shape.
/// </summary>
public sealed class SimulatorDisagreementTests
{
    private const string Member = "111111111111";
    private static readonly RequestPrincipal Alice = RequestPrincipal.User($"arn:aws:iam::{Member}:user/alice");

    private static PolicyDocument Policy(string statements) => PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""");

    private static readonly PolicyDocument FullAwsAccess = Policy("""{"Effect":"Allow","Action":"*","Resource":"*"}""");
    private static readonly PolicyDocument RcpFullAwsAccess = Policy("""{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}""");

    private static Organization WithRcp(string deny) => new("o-exampleorg", "999999999999",
    [
        new("r-root", null, "Root") { ServiceControlPolicies = [FullAwsAccess], ResourceControlPolicies = [RcpFullAwsAccess, Policy(deny)] },
        new(Member, "r-root", "member") { ServiceControlPolicies = [FullAwsAccess], ResourceControlPolicies = [RcpFullAwsAccess] },
    ]);

    private static AccessAnswer Ask(string action, string resource, string identity, Organization? organization = null, Action<RequestContext>? context = null)
    {
        var request = new RequestContext(action, resource);
        context?.Invoke(request);
        return AccessEvaluator.Evaluate(new AccessQuestion(Alice, request)
        {
            IdentityPolicies = [Policy(identity)], ResourceAccount = Member, Organization = organization,
        });
    }

    [Fact]
    public void AnRcpDoesNotRestrictAServiceOutsideTheListOfServicesThatSupportRcps()
    {
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services
        // "RCPs apply to the following AWS services": the list (ServiceCatalog.RcpServices) has no SNS, Lambda, EC2 or IAM.
        // The simulator applies an RCP's Deny to every service.
        const string allow = """{"Effect":"Allow","Action":["sns:Publish","sqs:SendMessage"],"Resource":"*"}""";
        var org = WithRcp("""{"Effect":"Deny","Principal":"*","Action":["sns:Publish","sqs:SendMessage"],"Resource":"*"}""");

        Assert.True(Ask("sns:Publish", $"arn:aws:sns:us-east-1:{Member}:alerts", allow, org).Allowed);
        Assert.False(Ask("sqs:SendMessage", $"arn:aws:sqs:us-east-1:{Member}:orders", allow, org).Allowed);
    }

    [Fact]
    public void EpochTimeInADateConditionIsSecondsSinceTheEpoch()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
        // "You must specify the date in one of the W3C implementations of the ISO 8601 date formats or in epoch
        // (UNIX) time." 1767225600 is 2026-01-01T00:00:00Z, so a request of 2025-06-01 is not after it. The
        // simulator finds it is.
        const string afterNewYear = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"1767225600"}}}""";

        Assert.False(Ask("s3:GetObject", "arn:aws:s3:::b/k", afterNewYear, context: r => r.With("aws:CurrentTime", "2025-06-01T00:00:00Z")).Allowed);
        Assert.True(Ask("s3:GetObject", "arn:aws:s3:::b/k", afterNewYear, context: r => r.With("aws:CurrentTime", "2026-06-01T00:00:00Z")).Allowed);
    }

    [Fact]
    public void AnRcpResourcePatternMatchesAsTheSamePatternDoesInAnyOtherPolicy()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
        // "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon
        // boundaries." An RCP's Resource element is that element (orgs_manage_policies_rcps_syntax.html). The simulator
        // matches "arn:aws:logs:us-east-1:11111111**" against a log stream in an identity policy but not in an RCP;
        // we match it alike in both, so the RCP's Deny denies what the identity policy's Allow allows.
        const string pattern = "arn:aws:logs:us-east-1:11111111**";
        var org = WithRcp($$"""{"Effect":"Deny","Principal":"*","Action":"logs:PutLogEvents","Resource":"{{pattern}}"}""");
        const string stream = "arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:s1";

        Assert.True(Ask("logs:PutLogEvents", stream, $$"""{"Effect":"Allow","Action":"logs:*","Resource":"{{pattern}}"}""").Allowed);
        Assert.False(Ask("logs:PutLogEvents", stream, $$"""{"Effect":"Allow","Action":"logs:*","Resource":"{{pattern}}"}""", org).Allowed);
    }

    [Fact]
    public void AnIpv6AddressIsOutsideEveryIpv4RangeOfNotIpAddress()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
        // NotIpAddress is "Negated matching for IP address or range": 2001:db8::5 is not in 203.0.113.7/32, so the
        // condition holds. The simulator finds it does not.
        const string notThere = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.7"}}}""";

        Assert.True(Ask("s3:GetObject", "arn:aws:s3:::b/k", notThere, context: r => r.With("aws:SourceIp", "2001:db8::5")).Allowed);
        Assert.False(Ask("s3:GetObject", "arn:aws:s3:::b/k", notThere, context: r => r.With("aws:SourceIp", "203.0.113.7")).Allowed);
    }
}
