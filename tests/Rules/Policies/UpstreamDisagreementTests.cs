using System.Text.Json;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Testing;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// Where the policy-eval corpus (../shared/fixtures/upstream-analysers/policy-eval) and we still disagree,
/// and why our answer is AWS's: each test replays the upstream case's condition against concrete requests
/// AWS could receive, through <see cref="AccessEvaluator"/>, and shows the request that gets in.
/// </summary>
public sealed class UpstreamDisagreementTests
{
    private const string Owner = "111111111111";
    private const string Foreigner = "444455556666";
    private const string Queue = $"arn:aws:sqs:us-east-1:{Owner}:q";

    private static readonly RequestPrincipal Outsider = RequestPrincipal.User($"arn:aws:iam::{Foreigner}:user/mallory");
    private static readonly PolicyDocument OutsidersOwnPolicy = Policy("""{"Effect":"Allow","Action":"*","Resource":"*"}""");

    private static PolicyDocument Policy(string statements) => PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""");

    private static PolicyDocument Public(string action, string condition) =>
        Policy($$"""{"Effect":"Allow","Principal":"*","Action":"{{action}}","Resource":"*","Condition":{{condition}}}""");

    /// <summary>The outsider's request to the owner's resource, with the context keys AWS would set.</summary>
    private static AccessAnswer OutsiderAsks(PolicyDocument resourcePolicy, string action, string resource, Action<RequestContext>? context = null)
    {
        var request = new RequestContext(action, resource);
        context?.Invoke(request);
        return AccessEvaluator.Evaluate(new AccessQuestion(Outsider, request)
        {
            IdentityPolicies = [OutsidersOwnPolicy],
            ResourcePolicy = resourcePolicy,
            ResourceAccount = Owner,
        });
    }

    private static AccessGrant Grant(PolicyDocument policy, Organization? organization = null) =>
        Assert.Single(AccessAnalyzer.Grants(policy, Owner, RuleFixtures.DefaultEstate, organization));

    [Theory]
    [InlineData("aws:ResourceAccount")]
    [InlineData("s3:ResourceAccount")]
    [InlineData("AWS:ResourceAccount")]
    public void AResourceAccountConditionInTheResourcesOwnPolicyAlwaysHoldsSoItAdmitsEveryone(string key)
    {
        // prowler-cond-17/19/55/57/59/61/67/76/77: aws:ResourceAccount is the account that owns the resource
        // being accessed, whoever asks; in the owner's own policy it always equals the owner.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
        var policy = Public("s3:GetObject", $$$"""{"StringEquals":{"{{{key}}}":"{{{Owner}}}"}}""");

        var answer = OutsiderAsks(policy, "s3:GetObject", "arn:aws:s3:::owners-bucket/k", r => r.With("s3:ResourceAccount", Owner));

        Assert.True(answer.Allowed, answer.ToString());
        Assert.Equal(GrantKind.Public, Grant(policy).Kind);
    }

    [Theory]
    [InlineData("StringEquals", "s3:ResourceAccount", "arn:aws:s3:::owners-bucket/k")]
    [InlineData("StringLike", "aws:ResourceAccount", "arn:aws:sns:us-east-1:111111111111:t")]
    public void AResourceAccountConditionNamingAnotherAccountMakesTheStatementGrantNothing(string op, string key, string resource)
    {
        // prowler-cond-20/58/62 ("not valid"): the owner's policy requires the resource to be in 444455556666;
        // it is in 111111111111 for every request, so the statement never applies and nobody gets in.
        var policy = Public("*", $$$"""{"{{{op}}}":{"{{{key}}}":"{{{Foreigner}}}"}}""");

        var answer = OutsiderAsks(policy, resource.Contains(":sns:", StringComparison.Ordinal) ? "sns:Publish" : "s3:GetObject", resource, r => r.With("s3:ResourceAccount", Owner));

        Assert.False(answer.Allowed, answer.ToString());
        Assert.Empty(AccessAnalyzer.Grants(policy, Owner, RuleFixtures.DefaultEstate));
    }

    [Fact]
    public void AnArnLikeListIsOredSoAForeignTrailInItGetsIn()
    {
        // prowler-cond-86 ("two lists, first restrictive"): the values of one key are ORed, so the trail in
        // 111222333444 satisfies the condition as well as the owner's own trail does.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
        var policy = Public("sqs:SendMessage", """{"ArnLike":{"aws:SourceArn":["arn:aws:cloudtrail:*:111111111111:trail/*","arn:aws:cloudtrail:*:444455556666:trail/*"]}}""");

        var answer = OutsiderAsks(policy, "sqs:SendMessage", Queue, r => r.With("aws:SourceArn", $"arn:aws:cloudtrail:us-east-1:{Foreigner}:trail/t"));

        Assert.True(answer.Allowed, answer.ToString());
        Assert.Equal(GrantKind.UnknownAccount, Grant(policy).Kind);
    }

    [Theory]
    [InlineData("""{"ForAllValues:ArnEqualsIfExists":{"aws:SourceArn":"arn:aws:iam::111111111111:role/SomeTestRoleForTesting"}}""")]
    [InlineData("""{"ForAllValues:StringEquals":{"aws:SourceAccount":"111111111111"}}""")]
    public void AForAllValuesTestPassesARequestWithoutTheKey(string condition)
    {
        // pu-statement07 and 27: ForAllValues is true for an absent key (an empty set), and a direct call
        // from any account carries no aws:SourceArn.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
        var answer = OutsiderAsks(Public("sqs:*", condition), "sqs:SendMessage", Queue);

        Assert.True(answer.Allowed, answer.ToString());
    }

    [Fact]
    public void AnS3ArnInSourceArnNamesNoAccount()
    {
        // pu-statement21: S3 ARNs carry no account, so aws:SourceArn arn:aws:s3:::mybucket admits whichever
        // account owns a bucket of that name now; AWS asks for aws:SourceAccount beside it for that reason.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
        var policy = Public("sqs:*", """{"StringEquals":{"aws:SourceArn":"arn:aws:s3:::mybucket"}}""");

        var answer = OutsiderAsks(policy, "sqs:SendMessage", Queue, r => r.With("aws:SourceArn", "arn:aws:s3:::mybucket").With("aws:SourceAccount", Foreigner));

        Assert.True(answer.Allowed, answer.ToString());
        Assert.Equal(GrantKind.Public, Grant(policy).Kind);
    }

    [Fact]
    public void ASourceIpRangeNamesANetworkNotAnAccount()
    {
        // prowler-public-09 (prowler: a private or reserved range is not public): aws:SourceIp names a network, not an
        // account, so any account's principal whose request comes from the range gets in. AWS's own examples use
        // 192.0.2.0/24 for a company's public range, and the key only ever holds public addresses.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html
        var policy = Public("s3:*", """{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}""");

        var answer = OutsiderAsks(policy, "s3:GetObject", "arn:aws:s3:::b/k", r => r.With("aws:SourceIp", "192.0.2.10"));

        Assert.True(answer.Allowed, answer.ToString());
    }

    [Fact]
    public void KmsViaServiceNamesTheServiceNotTheCallersAccount()
    {
        // prowler-public-18: kms:ViaService holds for any account's principal calling through that service.
        // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
        var policy = Public("kms:Decrypt", """{"StringEquals":{"kms:ViaService":"glue.eu-central-1.amazonaws.com"}}""");

        var answer = OutsiderAsks(policy, "kms:Decrypt", $"arn:aws:kms:eu-central-1:{Owner}:key/k", r => r.With("kms:ViaService", "glue.eu-central-1.amazonaws.com"));

        Assert.True(answer.Allowed, answer.ToString());
    }

    [Theory]
    [InlineData("secretsmanager.amazonaws.com")]
    [InlineData("eks.amazonaws.com")]
    public void AServicePrincipalWithoutSourceAccountActsForAnyAccount(string service)
    {
        // prowler-public-12/13: a service principal acts for whichever account configures it (the confused
        // deputy); only aws:SourceAccount or aws:SourceArn ties it to the owner.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
        var policy = Policy($$"""{"Effect":"Allow","Principal":{"Service":"{{service}}"},"Action":"lambda:GetFunction","Resource":"*"}""");
        var request = new RequestContext("lambda:GetFunction", $"arn:aws:lambda:us-east-1:{Owner}:function:f").With("aws:SourceAccount", Foreigner);

        var answer = AccessEvaluator.Evaluate(new AccessQuestion(RequestPrincipal.Service(service), request) { ResourcePolicy = policy, ResourceAccount = Owner });

        Assert.True(answer.Allowed, answer.ToString());
        Assert.False(Grant(policy).Pinned);
    }

    [Fact]
    public void AnOrganisationConditionPinsOnlyWhenTheOrganisationIsKnownAndThenToEveryMember()
    {
        // pu-statement29/34: customers may share one organisation, so without its map aws:PrincipalOrgID and
        // aws:PrincipalOrgPaths name no account we can judge; with it they admit its members, another
        // customer's accounts included.
        var byId = Public("sqs:*", """{"StringEquals":{"aws:PrincipalOrgID":"o-xxxxxxxxxx"}}""");
        var byPath = Public("sqs:*", """{"ForAnyValue:StringEquals":{"aws:PrincipalOrgPaths":"o-xxxxxxxxxx/r-ab12/ou-ab12-11111111/"}}""");
        var shared = new Organization("o-xxxxxxxxxx", "999999999999",
        [
            new("r-ab12", null, "Root"),
            new("ou-ab12-11111111", "r-ab12", "acme"),
            new("ou-ab12-22222222", "r-ab12", "globex"),
            new(Owner, "ou-ab12-11111111", "acme-prod"),
            new("222222222222", "ou-ab12-11111111", "acme-dev"),
            new("333333333333", "ou-ab12-22222222", "globex-prod"),
            new("999999999999", "r-ab12", "platform"),
        ]);

        Assert.Equal(GrantKind.Public, Grant(byId).Kind);
        Assert.Equal(GrantKind.Public, Grant(byPath).Kind);
        Assert.Equal(GrantKind.OtherCustomer, Grant(byId, shared).Kind);
        Assert.Equal(GrantKind.SameCustomer, Grant(byPath, shared).Kind);
    }

    [Fact]
    public void AnAllowWithNotActionOfOneServiceIsNotEveryActionButIsReportedAsNotAction()
    {
        // prowler-admin-3: NotAction s3:* grants everything but S3, so not "*" on "*"; the admin-wildcard rule
        // passes it and iam-policy-no-allow-not-action reports it (iam:* within it is escalation in all but name).
        var policies = new[] { Policy("""{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}""") };
        var permissions = new PermissionSet(policies, IamTestData.Now);

        Assert.Empty(IdentityPolicyChecks.AdminStatements(policies));
        Assert.Single(IdentityPolicyChecks.AllowsWithNotAction(policies));
        Assert.False(permissions.AllowsAdmin);
        Assert.True(permissions.Can("iam:*").Allowed);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":["*"],"Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","NotAction":"prowler:action","Resource":"*"}""")]
    public void AnAdministratorIsReportedByTheAdminRuleNotAsEscalation(string statement)
    {
        // prowler-privesc-14 and 26: both policies are administrator access (a NotAction naming no real action
        // excludes nothing), so iam-principal-no-admin-access fails the principal and the escalation rule,
        // whose question is how to gain more than one has, passes it rather than report it twice.
        var permissions = new PermissionSet([Policy(statement)], IamTestData.Now);

        Assert.True(permissions.AllowsAdmin);
        Assert.NotEmpty(PrivilegeEscalation.Find(permissions, Owner));
    }

    /// <summary>tests/data/policy-eval/disagreements.json: every case where the corpus's checker finds us differing, on its exact input.</summary>
    private static readonly JsonElement Corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.TestData, "policy-eval", "disagreements.json"))).RootElement;

    public static TheoryData<string> RulesWithDisagreements() => [.. Corpus.GetProperty("resourcePolicyFixtures").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(RulesWithDisagreements))]
    public void OnTheCorpusesOwnResourcesEachRuleGivesTheVerdictExplainedAbove(string ruleId)
    {
        // The exact configuration items of the policy-eval snapshot, in its estate; each case's name gives the
        // upstream answer, ours, why ours is AWS's and the AWS page that says so.
        var fixture = Corpus.GetProperty("resourcePolicyFixtures").GetProperty(ruleId).GetRawText();

        var results = RuleFixtures.Run(Support.Catalog.Rules, ruleId, fixture);

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.CaseName}: {r.Problem}"));
    }

    [Fact]
    public void OnTheCorpusesOwnIdentityPoliciesTheAdminAndEscalationVerdictsAreTheOnesExplainedAbove()
    {
        var cases = Corpus.GetProperty("identityPolicyCases").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => PolicyDocument.Parse(c.GetProperty("policy").GetRawText()));

        Assert.Empty(IdentityPolicyChecks.AdminStatements([cases["prowler-admin-3"]]));
        Assert.True(new PermissionSet([cases["prowler-privesc-14"]], IamTestData.Now).AllowsAdmin);
        Assert.True(new PermissionSet([cases["prowler-privesc-26"]], IamTestData.Now).AllowsAdmin);
    }

    [Fact]
    public void TheListedDisagreementsAreTheCheckersTwentyFive()
    {
        var resourceCases = Corpus.GetProperty("resourcePolicyFixtures").EnumerateObject().Sum(p => p.Value.GetProperty("cases").GetArrayLength());

        Assert.Equal(25, resourceCases + Corpus.GetProperty("identityPolicyCases").GetArrayLength());
    }
}
