using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class AbacIntegrityTests
{
    private const string RuleId = "segregation-abac-tags-not-changeable";

    [Fact]
    public void TheTaggingActionsAreEveryTaggingActionOfTheCatalogNotAShortList()
    {
        var actions = TaggingActions.All.ToDictionary(a => a.Action, StringComparer.OrdinalIgnoreCase);

        Assert.InRange(actions.Count, 600, 2000);
        Assert.All(actions.Keys, a => Assert.True(ServiceCatalog.NamesAnyAction(a), a));
        Assert.True(actions["iam:TagRole"] is { SupportsTagKeys: true, SupportsRequestTag: true, Removes: false });
        Assert.True(actions["iam:UntagUser"] is { SupportsTagKeys: true, Removes: true });
        Assert.True(actions["ec2:CreateTags"].SupportsTagKeys);
        // S3 bucket and object tagging and the Tagging API carry no aws:TagKeys: a Deny on the key cannot stop them.
        Assert.True(actions["s3:PutBucketTagging"] is { SupportsTagKeys: false, SupportsRequestTag: false });
        Assert.True(actions["s3:PutObjectTagging"] is { SupportsTagKeys: false, OnObjects: true });
        Assert.True(actions["tag:TagResources"] is { SupportsTagKeys: false });
        Assert.False(actions.ContainsKey("s3:GetObjectTagging"));
        Assert.False(actions.ContainsKey("ec2:DescribeTags"));
    }

    [Fact]
    public void APrincipalMovesItsOwnTagWithTheTagAndUntagActionsOfItsKind()
    {
        Assert.Equal(["iam:TagRole", "iam:UntagRole"], TaggingActions.OnPrincipal(IamPrincipals.RoleType).Select(a => a.Action).Order());
        Assert.Equal(["iam:TagUser", "iam:UntagUser"], TaggingActions.OnPrincipal(IamPrincipals.UserType).Select(a => a.Action).Order());
    }

    [Fact]
    public void AComparisonOfAResourceTagWithAPrincipalTagDependsOnBothTags()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement": [
              {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
               "Condition": {"StringEquals": {"aws:ResourceTag/customer": "${aws:PrincipalTag/customer}"}}},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"s3:ExistingObjectTag/team": "blue"}}},
              {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringEquals": {"ec2:ResourceTag/env": "dev"}}},
              {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:PrincipalTag/unit}/*"},
              {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}},
              {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/locked": "true"}}}
            ]}
            """);

        var grants = AbacGrant.In([policy]).Select(g => (g.Statement.Index, g.Key, g.On)).ToList();

        Assert.Equal([(0, "customer", AbacTagOn.Resource), (0, "customer", AbacTagOn.Principal), (1, "team", AbacTagOn.Object),
            (2, "env", AbacTagOn.Resource), (3, "unit", AbacTagOn.Principal)], grants);
    }

    [Fact]
    public void ARoleThatCanRetagSecretsFailsAndNotAssessedWhenItsAccountsIamWasNotRead()
    {
        var role = FixtureResource("a role that reads secrets by tag and may retag any secret fails, naming the grant and the tagging statement");
        var evaluator = new Evaluator(Support.Catalog.Rules, RuleFixtures.DefaultEstate, new Inventory([role]), _ => RuleParams.Empty, RuleFixtures.DefaultNow);
        var gap = new CoverageGap(role.AccountId, null, CoverageGap.Sources.Iam, "AccessDenied: iam:GetAccountAuthorizationDetails");

        var read = Verdicts(new ScanEvaluator(evaluator, RuleFixtures.DefaultEstate, []) { IncludePasses = true }, role);
        var notRead = Verdicts(new ScanEvaluator(evaluator, RuleFixtures.DefaultEstate, [gap]) { IncludePasses = true }, role);

        Assert.Equal([Verdict.Fail], read);
        Assert.NotEmpty(notRead);
        Assert.All(notRead, v => Assert.Equal(Verdict.NotAssessed, v));
    }

    private static List<Verdict> Verdicts(ScanEvaluator scan, Resource role) =>
        [.. scan.Run([role], TestContext.Current.CancellationToken).Findings.Where(f => f.RuleId == RuleId).Select(f => f.Verdict)];

    private static Resource FixtureResource(string caseName)
    {
        var rule = Support.Catalog.Rules.Find(RuleId)!;
        using var fixture = JsonDocument.Parse(File.ReadAllText(Support.Catalog.FixturePath(rule)));
        var testCase = fixture.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == caseName);
        return ConfigurationItems.ToResource(testCase.GetProperty("resource").Clone());
    }
}
