using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class PrivilegeEscalationTests
{
    private const string Account = "111111111111";

    private static IReadOnlyList<EscalationMatch> Find(params string[] statements) =>
        PrivilegeEscalation.Find(
            new PermissionSet(statements.Select(s => PolicyDocument.Parse($$"""{"Statement":[{{s}}]}""")), IamTestData.Now),
            Account);

    [Fact]
    public void TheTableHoldsEveryRhinoMethodAndThePathfindingPaths()
    {
        Assert.Equal(Enumerable.Range(1, 28).Select(n => $"rhino-{n}"), PrivilegeEscalation.Methods.Where(m => m.Id.StartsWith("rhino-", StringComparison.Ordinal)).Select(m => m.Id));
        Assert.Contains(PrivilegeEscalation.Methods, m => m.Id == "ssm-002" && m.Permissions.SequenceEqual(["ssm:SendCommand"]));
        Assert.Contains(PrivilegeEscalation.Methods, m => m.Id == "ec2instanceconnect-003");
        Assert.Equal(4, PrivilegeEscalation.Methods.Count(m => m.Id is "sagemaker-001" or "sagemaker-002" or "sagemaker-003" or "sagemaker-004"));
        Assert.DoesNotContain(PrivilegeEscalation.Methods, m => m.Id == "sts-001");
    }

    [Fact]
    public void ASinglePermissionMethodIsFoundAndNamed()
    {
        var found = Find("""{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"*"}""");

        Assert.Equal("rhino-1", found[0].Method.Id);
        Assert.Equal("Creating a new policy version (Rhino Security Labs #1: iam:CreatePolicyVersion), granted by iam:CreatePolicyVersion (statement #1)", found[0].Describe());
    }

    [Fact]
    public void AMethodNeedsEveryOneOfItsPermissions()
    {
        Assert.Empty(Find("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}"""));
        Assert.Contains(Find("""{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}""", """{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}"""), m => m.Method.Id == "rhino-3");
    }

    [Fact]
    public void APermissionOnlyOnAwssOwnPoliciesReachesNoTarget()
    {
        Assert.Empty(Find("""{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::aws:policy/fp4-*"}"""));
        Assert.NotEmpty(Find("""{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::*:policy/fn2-*"}"""));
    }

    [Fact]
    public void AnExplicitDenyCancelsTheMethod()
    {
        Assert.Empty(Find("""{"Effect":"Allow","Action":"iam:*","Resource":"*"}""", """{"Effect":"Deny","Action":"iam:*","Resource":"*"}"""));
    }

    [Fact]
    public void AMethodGrantedUnderAConditionWeCannotJudgeIsFoundMarkedConditional()
    {
        var found = Find("""{"Effect":"Allow","Action":"ssm:SendCommand","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"dev"}}}""");

        Assert.True(Assert.Single(found).Conditional);
        Assert.Contains("[conditional]", found[0].Describe(), StringComparison.Ordinal);
    }
}
