using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// segregation-abac-tags-not-changeable finds a permission set's tag grants once for every principal of the set, but
/// asks for each principal whether it may move those tags: its tags and its ARN enter the request. Two roles with the
/// same policies (one set) must each get their own answer, whichever is judged first.
/// </summary>
public sealed class AbacSharingTests
{
    private const string Account = "111111111111";
    private const string RuleId = "segregation-abac-tags-not-changeable";

    private const string ReadOwnCustomersSecrets = """
        {"Sid":"ReadOwnCustomersSecrets","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:111111111111:secret:*",
         "Condition":{"StringEquals":{"aws:ResourceTag/customer":"${aws:PrincipalTag/customer}"}}}
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RolesOfOneSetAreAnsweredByTheirOwnTags(bool stewardFirst)
    {
        // Only a role tagged team=stewards may tag itself, and so move its own aws:PrincipalTag/customer.
        const string tagsItself = """{"Sid":"StewardsTagThemselves","Effect":"Allow","Action":"iam:TagRole","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"stewards"}}}""";
        var steward = Role("steward", [ReadOwnCustomersSecrets, tagsItself], ("customer", "acme"), ("team", "stewards"));
        var reader = Role("reader", [ReadOwnCustomersSecrets, tagsItself], ("customer", "globex"), ("team", "readers"));

        var (verdicts, inventory) = Judge(stewardFirst ? [steward, reader] : [reader, steward]);

        Assert.Same(PermissionsOf(steward, inventory), PermissionsOf(reader, inventory));
        Assert.Equal(Verdict.Fail, verdicts[steward.Arn].Verdict);
        Assert.Contains("iam:TagRole on itself rewrites aws:PrincipalTag/customer", verdicts[steward.Arn].Message);
        Assert.Equal(Verdict.Pass, verdicts[reader.Arn].Verdict);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RolesOfOneSetAreAnsweredByTheirOwnArns(bool stewardFirst)
    {
        // The policy names one role as the one that may tag itself; both roles hold it, with the same tags.
        const string tagsSteward = $$"""{"Sid":"StewardTagsItself","Effect":"Allow","Action":"iam:TagRole","Resource":"arn:aws:iam::{{Account}}:role/steward"}""";
        var steward = Role("steward", [ReadOwnCustomersSecrets, tagsSteward], ("customer", "acme"));
        var reader = Role("reader", [ReadOwnCustomersSecrets, tagsSteward], ("customer", "acme"));

        var (verdicts, inventory) = Judge(stewardFirst ? [steward, reader] : [reader, steward]);

        Assert.Same(PermissionsOf(steward, inventory), PermissionsOf(reader, inventory));
        Assert.Equal(Verdict.Fail, verdicts[steward.Arn].Verdict);
        Assert.Equal(Verdict.Pass, verdicts[reader.Arn].Verdict);
    }

    /// <summary>The rule's finding for each role, judged in the order given, and the inventory they were judged in.</summary>
    private static (Dictionary<string, Finding> Verdicts, Inventory Inventory) Judge(Resource[] roles)
    {
        var inventory = new Inventory(roles);
        var evaluator = new Evaluator(Support.Catalog.Rules, RuleFixtures.DefaultEstate, inventory, _ => RuleParams.Empty, RuleFixtures.DefaultNow);
        var scan = new ScanEvaluator(evaluator, RuleFixtures.DefaultEstate, []) { IncludePasses = true };
        var findings = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            // One at a time, so that the first has worked out and kept its answers before the second is asked.
            findings[role.Arn] = scan.Run([role], TestContext.Current.CancellationToken).Findings.Single(f => f.RuleId == RuleId);
        }
        return (findings, inventory);
    }

    private static PermissionSet PermissionsOf(Resource role, Inventory inventory) =>
        IamPrincipals.PermissionsOf(role, inventory, RuleFixtures.DefaultNow, OrganizationView.NotConfigured);

    private static Resource Role(string name, string[] statements, params (string Key, string Value)[] tags) =>
        ConfigurationItems.ToResource(JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["resourceType"] = IamPrincipals.RoleType, ["resourceId"] = "AROA" + name.ToUpperInvariant(), ["resourceName"] = name,
            ["ARN"] = $"arn:aws:iam::{Account}:role/{name}", ["awsAccountId"] = Account, ["awsRegion"] = "global",
            ["tags"] = tags.ToDictionary(t => t.Key, t => t.Value),
            ["configuration"] = new Dictionary<string, object?>
            {
                ["RoleName"] = name, ["AttachedManagedPolicies"] = Array.Empty<object>(),
                ["RolePolicyList"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["PolicyName"] = "abac",
                        ["PolicyDocument"] = JsonDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""").RootElement,
                    },
                },
            },
        }));
}
