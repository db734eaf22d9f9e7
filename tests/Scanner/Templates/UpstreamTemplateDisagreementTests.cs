using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Scanner.Templates;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary>
/// The cases of the CloudFormation corpus (../shared/fixtures/upstream-analysers/cloudformation) where an upstream
/// analyser's test and our first answer differed, each on the upstream's own template (copied to
/// tests/data/cloudformation/upstream-analysers, see tests/data/PROVENANCE.md) with the estate its checker uses: where
/// AWS's documentation sides with the upstream we now agree; where it sides with us the test says why.
/// </summary>
public sealed class UpstreamTemplateDisagreementTests
{
    private const string Deployer = "123456789012";
    private const string KicsCases = "kics/cross_account_iam_assume_role_policy_without_external_id_or_mfa";

    /// <summary>The corpus's estate-kics.yaml: the deploying customer owns 123456789012 and 111122223333; 987654321145 is outside.</summary>
    private static readonly Estate KicsEstate = new([new Customer("upstream-examples", "Upstream example owner", [Deployer, "111122223333"])], [], ["us-east-1"]);

    private static string Template(string path) => Path.Combine(RepoPaths.TestData, "cloudformation", "upstream-analysers", path);

    private static Finding VerdictOf(string path, string ruleId, string logicalId, string account, Estate estate)
    {
        var result = TemplateChecks.Run(Template(path), new TemplateContext { Account = account, Region = "us-east-1" }, estate);
        return Assert.Single(result.Findings, f => f.RuleId == ruleId && f.ResourceArn.EndsWith(logicalId, StringComparison.Ordinal));
    }

    [Fact]
    public void ALambdaPermissionWhoseSourceArnIsNoArnLetsNobodyIn()
    {
        // trivy AWS-0067 good example (upstream pass; we failed it before): SourceArn "lambda.amazonaws.com" is no ARN.
        // Lambda's AddPermission accepts only an ARN there, and in a policy aws:SourceArn always holds the calling
        // resource's whole ARN, which ArnLike compares segment by segment, so no request from S3 matches.
        // https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#lambda-AddPermission-request-SourceArn
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
        var finding = VerdictOf("trivy/lambda-restrict-source-arn-good-1.yaml", "segregation-function-policy-no-foreign-access", "GoodExample", Deployer, KicsEstate);

        Assert.Equal(Verdict.Pass, finding.Verdict);
    }

    [Fact]
    public void TheElasticLoadBalancingLogDeliveryAccountIsAnAwsServiceNotAForeignAccount()
    {
        // cfripper S3CrossAccountTrustRule, from_aws_service (upstream pass; we failed it before): 156460612806 is the
        // account AWS documents for Elastic Load Balancing access-log delivery in eu-west-1, granted s3:PutObject.
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#attach-bucket-policy
        var finding = VerdictOf("cfripper/S3CrossAccountTrustRule/s3_bucket_cross_account_from_aws_service.json", "segregation-bucket-policy-no-foreign-access", "test", "123456789", Estate.Empty);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Contains("AWS services", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("positive5.yaml")]
    [InlineData("positive6.json")]
    public void AnEmptyExternalIdConditionAdmitsNoRequestSoTheRoleIsNotOpen(string file)
    {
        // KICS positive5/6 (upstream fail, ours pass): StringEquals sts:ExternalId "" holds only for a request carrying an
        // empty external id, and AssumeRole rejects an ExternalId shorter than 2 characters; a request without one has
        // no key and fails StringEquals. So 987654321145 cannot assume the role at all: nothing beyond the customer gets in.
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html#API_AssumeRole_RequestParameters
        var finding = VerdictOf($"{KicsCases}/{file}", "segregation-role-trust-foreign-requires-external-id", "RootRole", Deployer, KicsEstate);
        var trust = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::987654321145:root"},"Effect":"Allow","Resource":"*","Sid":"","Condition":{"StringEquals":{"sts:ExternalId":""}}}}""");

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.False(Assume(trust, null).Allowed);
        Assert.False(Assume(trust, "ab").Allowed);
    }

    [Theory]
    [InlineData("negative2.yaml")]
    [InlineData("negative4.json")]
    public void MultiFactorAuthenticationIsNoExternalId(string file)
    {
        // KICS negative2/4 (upstream pass, ours fail): aws:MultiFactorAuthPresent says how the other account's user
        // signed in, not on whose behalf it acts; only sts:ExternalId stops a third party being used as a confused
        // deputy, and 987654321145 is outside the estate.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
        var finding = VerdictOf($"{KicsCases}/{file}", "segregation-role-trust-foreign-requires-external-id", "RootRole", Deployer, KicsEstate);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("without an sts:ExternalId condition", finding.Message, StringComparison.Ordinal);
        Assert.Contains("aws:MultiFactorAuthPresent", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AServicePermissionWithoutSourceArnOrSourceAccountActsForAnyAccount()
    {
        // Regula FG_R00276 valid_function_not_public_service_permission (upstream pass, ours fail): Regula asks only
        // about Principal "*". Lambda's own reference warns that a service principal granted without SourceArn or
        // SourceAccount lets other accounts configure that service to invoke the function (the confused deputy).
        // https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html#lambda-AddPermission-request-SourceArn
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
        var finding = VerdictOf("regula/lambda/valid_function_not_public_service_permission_infra.yaml", "segregation-function-policy-no-foreign-access", "Function", Deployer, KicsEstate);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("apigateway.amazonaws.com", finding.Message, StringComparison.Ordinal);
    }

    /// <summary>987654321145's administrator asks to assume the role, with or without an external id.</summary>
    private static AccessAnswer Assume(PolicyDocument trust, string? externalId)
    {
        var request = new RequestContext("sts:AssumeRole", $"arn:aws:iam::{Deployer}:role/RootRole");
        if (externalId is not null)
        {
            request = request.With("sts:ExternalId", externalId);
        }
        return AccessEvaluator.Evaluate(new AccessQuestion(RequestPrincipal.User("arn:aws:iam::987654321145:user/admin"), request)
        {
            IdentityPolicies = [PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")],
            ResourcePolicy = trust,
            ResourceAccount = Deployer,
        });
    }
}
