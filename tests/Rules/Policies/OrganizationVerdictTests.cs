using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// The catalog's IAM and segregation rules judged with the organisation the scan read: SCPs (aws-samples'
/// "Deny critical IAM user actions") take escalation methods away, RCPs (aws-samples' intra-organisation
/// boundary) fence foreign grants; without the organisation, a Fail says it was judged without them.
/// </summary>
public sealed class OrganizationVerdictTests
{
    private const string Member = "111111111111";
    private const string OtherCustomer = "222222222222";
    private const string Management = "999999999999";
    private const string Workloads = "ou-ab12-w0rkl0ad";
    private const string Others = "ou-ab12-0th3rs00";

    private static readonly Estate Estate = new(
        [new Customer("acme", "Acme", [Member]), new Customer("globex", "Globex", [OtherCustomer])], [Management], ["eu-west-1"]);

    private static PolicyDocument Document(string name, string text) => PolicyDocument.Parse(text, name);

    private static readonly PolicyDocument FullAwsAccess = Document("SCP FullAWSAccess", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
    private static readonly PolicyDocument RcpFullAwsAccess = Document("RCP RCPFullAWSAccess", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""");

    /// <summary>Root → OU workloads (the member, under aws-samples' SCP and RCP) and OU others (the other customer).</summary>
    private static Organization Org(string management = Management, string otherCustomersUnit = Others) => new("o-a1b2c3d4e5", management,
    [
        new("r-ab12", null, "Root") { ServiceControlPolicies = [FullAwsAccess], ResourceControlPolicies = [RcpFullAwsAccess] },
        new(Workloads, "r-ab12", "workloads")
        {
            ServiceControlPolicies = [FullAwsAccess, Document("SCP DenyCriticalIamUserActions", OrganizationExamples.DenyCriticalIamUserActions($"arn:aws:iam::{Member}:role/break-glass"))],
            ResourceControlPolicies = [RcpFullAwsAccess, Document("RCP IntraOrganizationBoundary", OrganizationExamples.IntraOrganizationBoundary("o-a1b2c3d4e5", "r-ab12", Workloads))],
        },
        new(Others, "r-ab12", "others") { ServiceControlPolicies = [FullAwsAccess], ResourceControlPolicies = [RcpFullAwsAccess] },
        new(Member, Workloads, "acme"),
        new(OtherCustomer, otherCustomersUnit, "globex"),
        new(Management, "r-ab12", "management"),
    ]);

    private static RuleResult Judge(string ruleId, Resource resource, OrganizationView organization)
    {
        var catalog = Support.Catalog.Rules;
        var evaluator = new Evaluator(catalog, Estate, new Inventory([resource]), _ => RuleParams.Empty, IamTestData.Now, organization: organization);
        return evaluator.Evaluate(catalog.Rules.ToList().FindIndex(r => r.Id == ruleId), resource);
    }

    private const string CreateAccessKey = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}]}""";

    private static Resource Role(string name, string document) => IamTestData.Item($$"""
        {"resourceType":"AWS::IAM::Role","resourceId":"AROA{{name}}","resourceName":"{{name}}","awsAccountId":"{{Member}}","awsRegion":"global",
         "ARN":"arn:aws:iam::{{Member}}:role/{{name}}",
         "configuration":{"roleName":"{{name}}","attachedManagedPolicies":[],"rolePolicyList":[{"policyName":"own","policyDocument":{{IamTestData.Encoded(document)}}}]} }
        """);

    [Fact]
    public void AnScpDenyingTheOnlyEscalationPermissionTurnsTheFindingIntoAPassThatNamesTheScp()
    {
        var user = IamTestData.ConfigUser("alice", [], [], ("keys", CreateAccessKey));

        var without = Judge("iam-principal-no-privilege-escalation", user, OrganizationView.NotConfigured);
        var within = Judge("iam-principal-no-privilege-escalation", user, OrganizationView.Read(Org()));
        var unread = Judge("iam-principal-no-privilege-escalation", user, OrganizationView.NotRead("access denied: organizations:ListRoots: AccessDeniedException"));

        Assert.Equal(Verdict.Fail, without.Verdict);
        Assert.DoesNotContain("SCP", without.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Pass, within.Verdict);
        Assert.Contains("within the SCPs of organisation o-a1b2c3d4e5", within.Message, StringComparison.Ordinal);
        Assert.Contains("not by the SCPs of OU workloads (ou-ab12-w0rkl0ad)", within.Message, StringComparison.Ordinal);
        Assert.Contains("SCP DenyCriticalIamUserActions", within.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Fail, unread.Verdict);
        Assert.Contains("judged without SCPs/RCPs, the organisation could not be read (access denied: organizations:ListRoots: AccessDeniedException), so identity grants count", unread.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheScpsExceptionForThePrivilegedRoleIsDecidedOnThePrincipalsArnAndSparesThatRoleOnly()
    {
        var breakGlass = Judge("iam-principal-no-privilege-escalation", Role("break-glass", CreateAccessKey), OrganizationView.Read(Org()));
        var app = Judge("iam-principal-no-privilege-escalation", Role("app", CreateAccessKey), OrganizationView.Read(Org()));

        Assert.Equal(Verdict.Fail, breakGlass.Verdict);
        Assert.Equal(Verdict.Pass, app.Verdict);
    }

    [Fact]
    public void ScpsDoNotRestrictTheManagementAccount()
    {
        var user = IamTestData.ConfigUser("alice", [], [], ("keys", CreateAccessKey));

        Assert.Equal(Verdict.Fail, Judge("iam-principal-no-privilege-escalation", user, OrganizationView.Read(Org(management: Member))).Verdict);
    }

    [Fact]
    public void AdministratorAccessLessTheActionsAnScpDeniesIsStillAdministratorAccess()
    {
        var admin = IamTestData.ConfigUser("root-like", [], [], ("all", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""));

        Assert.Equal(Verdict.Fail, Judge("iam-principal-no-admin-access", admin, OrganizationView.Read(Org())).Verdict);
    }

    private static Resource Bucket(string grantee)
    {
        var policy = JsonSerializer.Serialize($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{grantee}}:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-data/*"}]}""");
        return IamTestData.Item($$"""
            {"resourceType":"AWS::S3::Bucket","resourceId":"acme-data","resourceName":"acme-data","awsAccountId":"{{Member}}","awsRegion":"eu-west-1",
             "ARN":"arn:aws:s3:::acme-data","configuration":{},
             "supplementaryConfiguration":{"BucketPolicy":{"policyText":{{policy}} } } }
            """);
    }

    [Fact]
    public void AnRcpThatDeniesTheGranteesAccountFencesAForeignGrantAndOnlyThen()
    {
        var bucket = Bucket(OtherCustomer);

        var without = Judge("segregation-bucket-policy-no-foreign-access", bucket, OrganizationView.NotConfigured);
        var fenced = Judge("segregation-bucket-policy-no-foreign-access", bucket, OrganizationView.Read(Org()));
        var sameUnit = Judge("segregation-bucket-policy-no-foreign-access", bucket, OrganizationView.Read(Org(otherCustomersUnit: Workloads)));
        var unread = Judge("segregation-bucket-policy-no-foreign-access", bucket, OrganizationView.NotRead("the audit role could not be assumed"));

        Assert.Equal(Verdict.Fail, without.Verdict);
        Assert.Equal(Verdict.Pass, fenced.Verdict);
        Assert.Equal(Verdict.Fail, sameUnit.Verdict);
        Assert.Equal(Verdict.Fail, unread.Verdict);
        Assert.Contains("judged without SCPs/RCPs", unread.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAccountOutsideTheOrganizationIsFencedByTheSameRcp()
    {
        var fenced = AccessAnalyzer.Grants(ResourcePolicies.Of(Bucket("444455556666"))!, Bucket("444455556666"), Estate, OrganizationView.Read(Org()));

        var grant = Assert.Single(fenced);
        Assert.False(grant.IsForeign);
        Assert.Contains("RCP IntraOrganizationBoundary", grant.Description, StringComparison.Ordinal);
    }
}
