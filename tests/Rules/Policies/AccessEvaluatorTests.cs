using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// AWS's evaluation logic for one request across identity, boundary and resource-based policies, with the
/// cases of the IAM User Guide's evaluation logic and permissions boundary pages.
/// </summary>
public sealed class AccessEvaluatorTests
{
    private const string Account = "111122223333";
    private const string Other = "444455556666";
    private const string Bucket = "arn:aws:s3:::amzn-s3-demo-bucket";

    private static PolicyDocument Policy(string statements) => PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statements}}]}""");

    private static AccessAnswer Ask(RequestPrincipal who, string action, string resource, string? identity = null, string? boundary = null, string? resourcePolicy = null, string? resourceAccount = null) =>
        AccessEvaluator.Evaluate(new AccessQuestion(who, new RequestContext(action, resource))
        {
            IdentityPolicies = identity is null ? [] : [Policy(identity)],
            PermissionsBoundary = boundary is null ? null : Policy(boundary),
            ResourcePolicy = resourcePolicy is null ? null : Policy(resourcePolicy),
            ResourceAccount = resourceAccount,
        });

    private static readonly RequestPrincipal Shirley = RequestPrincipal.User($"arn:aws:iam::{Account}:user/ShirleyRodriguez");
    private static readonly RequestPrincipal Builder = RequestPrincipal.RoleSession($"arn:aws:iam::{Account}:role/builder", "ci");

    // The boundary page's example: ShirleyRodriguez may manage only S3, CloudWatch and EC2, whatever her policies say.
    private const string ShirleysBoundary = """{"Effect":"Allow","Action":["s3:*","cloudwatch:*","ec2:*"],"Resource":"*"}""";

    [Fact]
    public void TheEffectivePermissionsAreTheIntersectionOfIdentityPoliciesAndBoundary()
    {
        const string identity = """{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";

        var createUser = Ask(Shirley, "iam:CreateUser", $"arn:aws:iam::{Account}:user/new", identity, ShirleysBoundary);
        var getObject = Ask(Shirley, "s3:GetObject", Bucket + "/k", identity, ShirleysBoundary);
        var putObject = Ask(Shirley, "s3:PutObject", Bucket + "/k", identity, ShirleysBoundary);

        Assert.False(createUser.Allowed);
        Assert.Contains("permissions boundary does not allow", createUser.Reason, StringComparison.Ordinal);
        Assert.True(getObject.Allowed);
        Assert.False(putObject.Allowed);
    }

    [Fact]
    public void AResourcePolicyNamingTheUserAllowsBeyondTheBoundary()
    {
        var grant = $$"""{"Effect":"Allow","Principal":{"AWS":"{{Shirley.Arn}}"},"Action":"sqs:SendMessage","Resource":"*"}""";

        var answer = Ask(Shirley, "sqs:SendMessage", $"arn:aws:sqs:us-east-1:{Account}:q", boundary: ShirleysBoundary, resourcePolicy: grant);

        Assert.True(answer.Allowed, answer.ToString());
        Assert.Contains("names the user", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AResourcePolicyNamingTheRoleIsLimitedByItsBoundaryButNamingTheSessionIsNot()
    {
        var toRole = $$"""{"Effect":"Allow","Principal":{"AWS":"{{Builder.Arn}}"},"Action":"sqs:SendMessage","Resource":"*"}""";
        var toSession = $$"""{"Effect":"Allow","Principal":{"AWS":"{{Builder.SessionArn}}"},"Action":"sqs:SendMessage","Resource":"*"}""";
        var queue = $"arn:aws:sqs:us-east-1:{Account}:q";

        Assert.False(Ask(Builder, "sqs:SendMessage", queue, boundary: ShirleysBoundary, resourcePolicy: toRole).Allowed);
        Assert.True(Ask(Builder, "sqs:SendMessage", queue, resourcePolicy: toRole).Allowed);
        Assert.True(Ask(Builder, "sqs:SendMessage", queue, boundary: ShirleysBoundary, resourcePolicy: toSession).Allowed);
    }

    [Fact]
    public void AResourcePolicyNamingTheAccountDelegatesToTheIdentityPolicies()
    {
        var toAccount = $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:Decrypt","Resource":"*"}""";
        var key = $"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        Assert.False(Ask(Shirley, "kms:Decrypt", key, resourcePolicy: toAccount).Allowed);
        Assert.True(Ask(Shirley, "kms:Decrypt", key, """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}""", resourcePolicy: toAccount).Allowed);
    }

    [Fact]
    public void AcrossAccountsBothTheResourcePolicyAndTheCallersAccountMustAllow()
    {
        var foreign = RequestPrincipal.User($"arn:aws:iam::{Other}:user/partner");
        var grant = $$"""{"Effect":"Allow","Principal":{"AWS":"{{Other}}"},"Action":"s3:GetObject","Resource":"{{Bucket}}/*"}""";
        const string identity = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";

        Assert.False(Ask(foreign, "s3:GetObject", Bucket + "/k", resourcePolicy: grant, resourceAccount: Account).Allowed);
        Assert.False(Ask(foreign, "s3:GetObject", Bucket + "/k", identity, resourceAccount: Account).Allowed);
        Assert.True(Ask(foreign, "s3:GetObject", Bucket + "/k", identity, resourcePolicy: grant, resourceAccount: Account).Allowed);
    }

    [Fact]
    public void AnExplicitDenyAnywhereWinsOverEveryAllow()
    {
        var allowAll = $$"""{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}""";
        const string deny = """{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}""";

        var answer = Ask(Shirley, "s3:DeleteObject", Bucket + "/k", deny, resourcePolicy: allowAll);

        Assert.False(answer.Allowed);
        Assert.StartsWith("explicitly denied", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyVariablesInResourceAreTheRequestersValues()
    {
        // The IAM User Guide's example: each user may use the objects under home/${aws:username}/ only.
        const string home = """{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}""";

        Assert.True(Ask(Shirley, "s3:GetObject", Bucket + "/home/ShirleyRodriguez/notes", home).Allowed);
        Assert.False(Ask(Shirley, "s3:GetObject", Bucket + "/home/carlos/notes", home).Allowed);
    }

    [Fact]
    public void PolicyVariablesStandOnlyInTheResourcePartOfAnArn()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html: a variable in Resource
        // stands only in the resource part of the ARN, after the fifth colon, never for the service, region or
        // account. (Found by the differential test: iam-simulate agrees.)
        var queue = $"arn:aws:sqs:us-east-1:{Account}:{Shirley.Arn[(Shirley.Arn.LastIndexOf('/') + 1)..]}";
        const string byAccount = """{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:*"}""";
        const string byName = """{"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:us-east-1:*:${aws:username}"}""";

        Assert.False(Ask(Shirley, "sqs:SendMessage", queue, byAccount).Allowed);
        Assert.True(Ask(Shirley, "sqs:SendMessage", queue, byName).Allowed);
    }

    [Fact]
    public void ADenyWithNotPrincipalDeniesAPrincipalThatHasAPermissionsBoundary()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html: with a
        // permissions boundary set, a Deny with NotPrincipal denies the principal even when NotPrincipal names it.
        // (Found by the differential test: iam-simulate agrees.)
        var queue = $"arn:aws:sqs:us-east-1:{Account}:q";
        var fence = $$"""{"Effect":"Deny","NotPrincipal":{"AWS":["{{Account}}","{{Builder.SessionArn}}"]},"Action":"sqs:*","Resource":"*"}""";
        const string identity = """{"Effect":"Allow","Action":"sqs:*","Resource":"*"}""";

        Assert.True(Ask(Builder, "sqs:DeleteQueue", queue, identity, resourcePolicy: fence).Allowed);
        Assert.False(Ask(Builder, "sqs:DeleteQueue", queue, identity, """{"Effect":"Allow","Action":"sqs:*","Resource":"*"}""", resourcePolicy: fence).Allowed);
    }

    [Fact]
    public void AnAllowUnderAConditionWeCannotJudgeIsAllowedAndMarkedUncertain()
    {
        const string odd = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringSortOf":{"aws:PrincipalTag/x":"y"}}}""";

        var answer = Ask(Shirley, "s3:GetObject", Bucket + "/k", odd);

        Assert.True(answer.Allowed);
        Assert.True(answer.Uncertain);
    }

    [Fact]
    public void ADenyUnderAConditionWeCannotJudgeNeverDeniesButMarksTheAnswer()
    {
        const string policy = """{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringSortOf":{"aws:PrincipalTag/x":"y"}}}""";

        var answer = Ask(Shirley, "s3:GetObject", Bucket + "/k", policy);

        Assert.True(answer.Allowed);
        Assert.True(answer.Uncertain);
    }

    [Fact]
    public void AGrantToTheAccountDoesNotHideAnotherStatementThatAllowsEveryone()
    {
        // Found by the differential test (tests/Differential): two allowing statements, one naming the account
        // (a delegation, no allow of its own) and one naming "*"; the second allows within the account.
        var queue = $"arn:aws:sqs:us-east-1:{Account}:q";
        var policy = $$"""{"Effect":"Allow","Principal":{"AWS":"{{Account}}"},"Action":"sqs:*","Resource":"*"},{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"{{queue}}"}""";

        var answer = Ask(Builder, "sqs:SendMessage", queue, resourcePolicy: policy);

        Assert.True(answer.Allowed, answer.ToString());
        Assert.Contains("resource-based policy allows it", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AGrantToEveryoneAllowsWithinTheAccountWhateverTheBoundary()
    {
        // The evaluation flow chart: within one account a resource-based allow is final; only a grant to the
        // role's ARN is documented as held by the boundary's implicit deny (checked against iam-simulate).
        var queue = $"arn:aws:sqs:us-east-1:{Account}:q";
        const string everyone = """{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}""";

        Assert.True(Ask(Builder, "sqs:SendMessage", queue, boundary: ShirleysBoundary, resourcePolicy: everyone).Allowed);
        Assert.True(Ask(Shirley, "sqs:SendMessage", queue, boundary: ShirleysBoundary, resourcePolicy: everyone).Allowed);
    }
}
