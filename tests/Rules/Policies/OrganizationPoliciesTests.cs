using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// SCPs and RCPs, with the examples of the AWS Organizations User Guide (SCP evaluation, RCP examples)
/// and aws-samples' data-perimeter policies.
/// </summary>
public sealed class OrganizationPoliciesTests
{
    private const string Management = "999999999999";
    private const string Member = "111111111111";
    private const string Outsider = "444455556666";

    private static PolicyDocument Policy(string name, string statements) => PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""", name);

    private static readonly PolicyDocument FullAwsAccess = Policy("FullAWSAccess", """{"Effect":"Allow","Action":"*","Resource":"*"}""");
    private static readonly PolicyDocument RcpFullAwsAccess = Policy("RCPFullAWSAccess", """{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}""");

    /// <summary>Root → OU "workloads" → the member account; the management account under the root.</summary>
    private static Organization Org(PolicyDocument[]? rootScps = null, PolicyDocument[]? ouScps = null, PolicyDocument[]? accountScps = null, PolicyDocument[]? rootRcps = null) =>
        new("o-exampleorgid", Management,
        [
            new("r-examplerootid", null, "Root") { ServiceControlPolicies = rootScps ?? [FullAwsAccess], ResourceControlPolicies = rootRcps ?? [RcpFullAwsAccess] },
            new("ou-exampleouid", "r-examplerootid", "workloads") { ServiceControlPolicies = ouScps ?? [FullAwsAccess], ResourceControlPolicies = [RcpFullAwsAccess] },
            new(Member, "ou-exampleouid", "member") { ServiceControlPolicies = accountScps ?? [FullAwsAccess], ResourceControlPolicies = [RcpFullAwsAccess] },
            new(Management, "r-examplerootid", "management") { ServiceControlPolicies = [FullAwsAccess], ResourceControlPolicies = [RcpFullAwsAccess] },
        ]);

    private static PolicyTypeDecision Scp(Organization org, string action, RequestPrincipal? who = null) =>
        OrganizationPolicies.ServiceControl(org, who ?? RequestPrincipal.RoleSession($"arn:aws:iam::{Member}:role/app"), new RequestContext(action, "*"));

    [Fact]
    public void AnActionMustBeAllowedAtEveryLevelFromTheRootToTheAccount()
    {
        // The SCP evaluation page's allow-list example: the OU allows only S3 and EC2, the account S3 and
        // everything; the account's principals keep S3 and EC2 only.
        var org = Org(ouScps: [Policy("allow-s3-ec2", """{"Effect":"Allow","Action":["s3:*","ec2:*"],"Resource":"*"}""")]);

        Assert.Equal(PolicyVerdict.Allowed, Scp(org, "s3:PutObject").Verdict);
        var iam = Scp(org, "iam:CreateUser");
        Assert.Equal(PolicyVerdict.ImplicitlyDenied, iam.Verdict);
        Assert.Contains("OU workloads", iam.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ADenyAtAnyLevelWinsOverFullAwsAccessEverywhere()
    {
        // The deny-list strategy of the SCP examples: FullAWSAccess everywhere and one Deny at the root.
        var org = Org(rootScps: [FullAwsAccess, Policy("deny-leave", """{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}""")]);

        Assert.Equal(PolicyVerdict.ExplicitlyDenied, Scp(org, "organizations:LeaveOrganization").Verdict);
        Assert.Equal(PolicyVerdict.Allowed, Scp(org, "s3:GetObject").Verdict);
    }

    [Fact]
    public void TheRegionDenyExampleExemptsGlobalServicesAndDeniesOtherRegions()
    {
        // "Deny access to AWS based on the requested AWS Region" from the SCP examples, shortened.
        var org = Org(rootScps: [FullAwsAccess, Policy("region", """
            {"Sid":"DenyAllOutsideEU","Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","support:*"],"Resource":"*",
             "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-central-1","eu-west-1"]},
                          "ArnNotLike":{"aws:PrincipalARN":["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]}}}
            """)]);
        var app = RequestPrincipal.RoleSession($"arn:aws:iam::{Member}:role/app");
        var bypass = RequestPrincipal.RoleSession($"arn:aws:iam::{Member}:role/Role1AllowedToBypassThisSCP");
        PolicyTypeDecision Ask(RequestPrincipal who, string action, string region) =>
            OrganizationPolicies.ServiceControl(org, who, who.Describe(new RequestContext(action, "*")).With("aws:RequestedRegion", region));

        Assert.Equal(PolicyVerdict.ExplicitlyDenied, Ask(app, "ec2:RunInstances", "us-east-1").Verdict);
        Assert.Equal(PolicyVerdict.Allowed, Ask(app, "ec2:RunInstances", "eu-west-1").Verdict);
        Assert.Equal(PolicyVerdict.Allowed, Ask(app, "iam:CreateRole", "us-east-1").Verdict);
        Assert.Equal(PolicyVerdict.Allowed, Ask(bypass, "ec2:RunInstances", "us-east-1").Verdict);
    }

    [Fact]
    public void ScpsDoNotRestrictTheManagementAccountNorServiceLinkedRoles()
    {
        var org = Org(rootScps: [Policy("nothing", """{"Effect":"Deny","Action":"*","Resource":"*"}""")]);

        Assert.Equal(PolicyVerdict.ExplicitlyDenied, Scp(org, "s3:GetObject").Verdict);
        Assert.Equal(PolicyVerdict.NotApplicable, Scp(org, "s3:GetObject", RequestPrincipal.RoleSession($"arn:aws:iam::{Management}:role/admin")).Verdict);
        Assert.Equal(PolicyVerdict.NotApplicable, Scp(org, "s3:GetObject", RequestPrincipal.RoleSession($"arn:aws:iam::{Member}:role/aws-service-role/s3.amazonaws.com/AWSServiceRoleForS3")).Verdict);
        Assert.Equal(PolicyVerdict.NotApplicable, Scp(org, "s3:GetObject", RequestPrincipal.User($"arn:aws:iam::{Outsider}:user/x")).Verdict);
    }

    [Fact]
    public void TheKmsIdentityPerimeterRcpDeniesOutsidersButNotTheOrganisationOrServices()
    {
        // The KMS developer guide's RCP example "RCPEnforceIdentityPerimeter".
        var perimeter = Policy("kms-perimeter", """
            {"Sid":"RCPEnforceIdentityPerimeter","Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*",
             "Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-exampleorgid"},"Bool":{"aws:PrincipalIsAWSService":"false"}}}
            """);
        var org = Org(rootRcps: [RcpFullAwsAccess, perimeter]);
        var key = $"arn:aws:kms:eu-west-1:{Member}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        var outsider = RequestPrincipal.User($"arn:aws:iam::{Outsider}:user/x");
        var insider = RequestPrincipal.RoleSession($"arn:aws:iam::{Member}:role/app");
        PolicyTypeDecision Ask(RequestPrincipal who, string orgId = "") =>
            OrganizationPolicies.ResourceControl(org, Member, who, Context(who, "kms:Decrypt", key, orgId));

        Assert.Equal(PolicyVerdict.ExplicitlyDenied, Ask(outsider, "o-otherorg").Verdict);
        Assert.Equal(PolicyVerdict.Allowed, Ask(insider, "o-exampleorgid").Verdict);
        Assert.Equal(PolicyVerdict.Allowed, Ask(RequestPrincipal.Service("cloudtrail.amazonaws.com")).Verdict);
    }

    [Fact]
    public void RcpsApplyOnlyToTheListedServicesAndNotToTheManagementAccount()
    {
        var denyAll = Policy("deny-all", """{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}""");
        var org = Org(rootRcps: [RcpFullAwsAccess, denyAll]);
        var who = RequestPrincipal.RoleSession($"arn:aws:iam::{Member}:role/app");

        Assert.Equal(PolicyVerdict.ExplicitlyDenied, OrganizationPolicies.ResourceControl(org, Member, who, new RequestContext("s3:GetObject", "arn:aws:s3:::b/k")).Verdict);
        Assert.Equal(PolicyVerdict.NotApplicable, OrganizationPolicies.ResourceControl(org, Member, who, new RequestContext("lambda:InvokeFunction", $"arn:aws:lambda:eu-west-1:{Member}:function:f")).Verdict);
        Assert.Equal(PolicyVerdict.NotApplicable, OrganizationPolicies.ResourceControl(org, Management, who, new RequestContext("s3:GetObject", "arn:aws:s3:::b/k")).Verdict);
    }

    [Fact]
    public void TheEvaluatorDeniesWhatTheScpDeniesEvenToAnAdministrator()
    {
        var org = Org(ouScps: [Policy("allow-s3", """{"Effect":"Allow","Action":"s3:*","Resource":"*"}""")]);
        var admin = new AccessQuestion(RequestPrincipal.RoleSession($"arn:aws:iam::{Member}:role/admin"), new RequestContext("iam:CreateUser", "*"))
        {
            IdentityPolicies = [FullAwsAccess],
            Organization = org,
        };

        var answer = AccessEvaluator.Evaluate(admin);

        Assert.False(answer.Allowed);
        Assert.Contains("no SCP attached to OU workloads", answer.Reason, StringComparison.Ordinal);
        Assert.True(AccessEvaluator.Evaluate(admin with { Request = new RequestContext("s3:GetObject", "arn:aws:s3:::b/k") }).Allowed);
    }

    [Fact]
    public void AnAccountsOrgPathIsTheChainOfItsParents()
    {
        var org = Org();

        Assert.Equal("o-exampleorgid/r-examplerootid/ou-exampleouid/", org.OrgPathOf(Member));
        Assert.Null(org.OrgPathOf(Outsider));
        Assert.Throws<ArgumentException>(() => new Organization("o-x", Management, [new OrganizationTarget(Member, "ou-missing", "m")]));
    }

    private static RequestContext Context(RequestPrincipal who, string action, string resource, string orgId)
    {
        var request = who.Describe(new RequestContext(action, resource));
        return orgId.Length == 0 ? request : request.With("aws:PrincipalOrgID", orgId);
    }
}
