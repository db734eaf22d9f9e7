using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class AuthorizationDetailsTests
{
    [Fact]
    public void EveryEntryBecomesAnIamResourceWithItsIdsNameAccountAndTags()
    {
        var resources = AuthorizationDetails.ToResources(JsonDocument.Parse(IamTestData.AuthorizationDetails).RootElement);

        Assert.Equal(["AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::Policy"], resources.Select(r => r.Type));
        var user = resources[0];
        Assert.Equal(("AIDADEV", "dev", "111111111111", "global"), (user.Id, user.Name, user.AccountId, user.Region));
        Assert.Equal("dev-team", user.Tag("owner"));
        Assert.Equal("dev", user.ConfigString("UserName"));
    }

    [Fact]
    public void AwsManagedPoliciesBelongToTheAccountNamedAws()
    {
        var resources = AuthorizationDetails.ToResources(JsonDocument.Parse(IamTestData.AuthorizationDetails).RootElement);

        Assert.Equal("aws", resources.Single(r => r.Name == "ReadOnlyAccess").AccountId);
    }

    [Fact]
    public void SeveralPagesInAListAreReadAsOne()
    {
        var pages = JsonDocument.Parse($"[{IamTestData.AuthorizationDetails},{{\"UserDetailList\":[{{\"UserName\":\"x\",\"UserId\":\"AIDAX\",\"Arn\":\"arn:aws:iam::111111111111:user/x\"}}]}}]").RootElement;

        Assert.Equal(6, AuthorizationDetails.ToResources(pages).Count);
    }

    [Fact]
    public void AScanJudgesTheAccountsEntitiesButNotAwsManagedPolicies()
    {
        var resources = AuthorizationDetails.ToResources(JsonDocument.Parse(IamTestData.AuthorizationDetails).RootElement);
        var evaluator = new Evaluator(Support.Catalog.Rules, RuleFixtures.DefaultEstate, new Inventory(resources), _ => RuleParams.Empty, IamTestData.Now);

        var (findings, _) = new ScanEvaluator(evaluator, RuleFixtures.DefaultEstate, []) { IncludePasses = true }.Run(resources, TestContext.Current.CancellationToken);

        Assert.Contains(findings, f => f.ResourceArn == "arn:aws:iam::111111111111:policy/pass");
        Assert.DoesNotContain(findings, f => f.AccountId == AuthorizationDetails.AwsAccount);
    }
}
