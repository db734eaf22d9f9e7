using System.Text.Json;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// Principals of an account with the same policies share one permission set (and every answer it works out), so a
/// million principals cost what their few distinct sets cost. Sharing must never mix two principals that AWS would
/// answer differently: another policy, another boundary, or SCPs that name one of them.
/// </summary>
public sealed class PermissionSharingTests
{
    private const string Account = "111111111111";
    private const string Deploy = """{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction"],"Resource":"*"}""";

    [Fact]
    public void SamePoliciesShareOneSetOtherPoliciesDoNot()
    {
        var inventory = new Inventory([Role("a", Deploy), Role("b", Deploy), Role("c", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""")]);
        var (a, b, c) = (Of(inventory, "a"), Of(inventory, "b"), Of(inventory, "c"));
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.True(a.Can("iam:PassRole", $"arn:aws:iam::{Account}:role/x").Allowed);
        Assert.False(c.Can("iam:PassRole", $"arn:aws:iam::{Account}:role/x").Allowed);
    }

    [Fact]
    public void AnScpThatNamesOnePrincipalKeepsItsSetApart()
    {
        var spare = PolicyDocument.Parse($$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:PassRole","Resource":"*",
             "Condition":{"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::{{Account}}:role/a"} } }]}
            """, "DenyPassRoleButA");
        var full = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "FullAWSAccess");
        var organization = OrganizationView.Read(new Organization("o-exampleorgid", "999999999999",
        [
            new("r-examplerootid", null, "Root") { ServiceControlPolicies = [full] },
            new(Account, "r-examplerootid", "member") { ServiceControlPolicies = [full, spare] },
            new("999999999999", "r-examplerootid", "management") { ServiceControlPolicies = [full] },
        ]));
        var inventory = new Inventory([Role("a", Deploy), Role("b", Deploy), Role("d", Deploy)]);
        var (a, b, d) = (Of(inventory, "a", organization), Of(inventory, "b", organization), Of(inventory, "d", organization));
        Assert.NotSame(a, b);
        Assert.Same(b, d);
        Assert.True(a.Can("iam:PassRole", $"arn:aws:iam::{Account}:role/x").Allowed);
        Assert.False(b.Can("iam:PassRole", $"arn:aws:iam::{Account}:role/x").Allowed);
    }

    [Fact]
    public void TheSharingKeyIsEveryStatementUnderItsLabelTheBoundaryTheNoteAndWhatWasNotFound()
    {
        var named = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Sid":"Deploy","Effect":"Allow","Action":"lambda:*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}""", "managed policy deployer");
        var unnamed = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""");
        var boundary = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "boundary");
        var set = new PermissionSet([named, unnamed], RuleFixtures.DefaultNow, ["managed policy gone", "group missing"], boundary) { BoundaryNote = "a note" };

        // The text the key is defined as, joined the plain way.
        string Statements(IEnumerable<PolicyStatement> statements) => string.Join("\u001f", statements.Select(s => s.Label + "\u001e" + s.Json));
        var expected = Statements(set.Policies.SelectMany(p => p.Statements)) + "\u001d" + Statements(boundary.Statements)
            + "\u001d" + "a note" + "\u001d" + "managed policy gone\u001fgroup missing" + "\u001d";
        Assert.Equal(expected, set.SharingKey);
        Assert.Equal(expected, new PermissionSet([named, unnamed], RuleFixtures.DefaultNow, ["managed policy gone", "group missing"], boundary) { BoundaryNote = "a note" }.SharingKey);
        Assert.Equal(3, set.Policies.Sum(p => p.Statements.Count));
    }

    private static PermissionSet Of(Inventory inventory, string name, OrganizationView? organization = null) =>
        IamPrincipals.PermissionsOf(inventory.All.Single(r => r.Name == name), inventory, RuleFixtures.DefaultNow, organization ?? OrganizationView.NotConfigured);

    private static Resource Role(string name, string statement) =>
        ConfigurationItems.ToResource(JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["resourceType"] = "AWS::IAM::Role", ["resourceId"] = "AROA" + name.ToUpperInvariant(), ["resourceName"] = name,
            ["ARN"] = $"arn:aws:iam::{Account}:role/{name}", ["awsAccountId"] = Account, ["awsRegion"] = "global",
            ["configuration"] = new Dictionary<string, object?>
            {
                ["roleName"] = name, ["attachedManagedPolicies"] = Array.Empty<object>(),
                ["assumeRolePolicyDocument"] = JsonDocument.Parse("""{"Version":"2012-10-17","Statement":[]}""").RootElement,
                ["rolePolicyList"] = new[]
                {
                    new Dictionary<string, object> { ["policyName"] = "deploy", ["policyDocument"] = JsonDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""").RootElement },
                },
            },
        }));
}
