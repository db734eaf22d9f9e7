using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Policies;

/// <summary>
/// AWS's managed policies as MAMIP archives them (GPL-3.0 corpus: read from the shared fixtures only,
/// never copied here), with IAM Access Analyzer's validate-policy findings as an oracle.
/// </summary>
public sealed class ManagedPolicyCorpusTests(ITestOutputHelper output)
{
    private const string Account = "111111111111";

    private static PolicyDocument Managed(string name)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(SharedFixtures.Path("managed-policies", "mamip", "policies", name + ".json")));
        return PolicyDocument.Parse(file.RootElement.GetProperty("PolicyVersion").GetProperty("Document"), $"managed policy {name}");
    }

    private static PermissionSet Alone(string name) => new([Managed(name)], IamTestData.Now);

    [Fact]
    public void AdministratorAccessIsAdministratorAccess()
    {
        Assert.True(Alone("AdministratorAccess").AllowsAdmin);
    }

    [Fact]
    public void EveryManagedPolicyParsesAndOnlyTheAdministratorOnesAllowEverything()
    {
        // Two files are empty upstream (deprecated policies MAMIP lists as "Unknown" in DEPRECATED.json).
        var names = Directory.GetFiles(SharedFixtures.Path("managed-policies", "mamip", "policies"), "*.json")
            .Where(f => new FileInfo(f).Length > 0)
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        var admins = names.Where(name => Alone(name!).AllowsAdmin).ToList();

        output.WriteLine($"mamip: {names.Count} policies parsed; allowing every action on every resource: {string.Join(", ", admins)}");
        Assert.True(names.Count > 1500, $"only {names.Count} policies");
        Assert.Contains("AdministratorAccess", admins);
        Assert.DoesNotContain("ReadOnlyAccess", admins);
        Assert.DoesNotContain("PowerUserAccess", admins);
        Assert.True(Alone("AWSMcpServiceActionsFullAccess").Admin.Conditional, "its * on * holds only for MCP service actions");
    }

    [Theory]
    [InlineData("ViewOnlyAccess")]
    [InlineData("SecurityAudit")]
    public void TheAuditRolesPoliciesGiveNoWayToEscalate(string name)
    {
        var permissions = Alone(name);

        Assert.False(permissions.AllowsAdmin);
        Assert.Empty(PrivilegeEscalation.Find(permissions, Account));
    }

    [Fact]
    public void EveryPolicyAccessAnalyzerFindsPassingRolesOnStarAllowsPassRoleOnEveryRole()
    {
        var flagged = Directory.GetFiles(SharedFixtures.Path("managed-policies", "mamip", "access-analyzer-findings"), "*.json")
            .Where(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.EnumerateArray()
                .Any(finding => finding.GetProperty("issueCode").GetString() == "PASS_ROLE_WITH_STAR_IN_RESOURCE"))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToList();

        var ours = flagged.Select(name => (name, decision: Alone(name!).Can("iam:PassRole", "*"))).ToList();

        foreach (var (name, decision) in ours)
        {
            output.WriteLine($"{name}: {decision.Describe()}");
        }
        output.WriteLine($"mamip PASS_ROLE_WITH_STAR_IN_RESOURCE: {ours.Count(o => o.decision.OnEveryResource)}/{ours.Count} agree");
        Assert.NotEmpty(flagged);
        Assert.All(ours, o => Assert.True(o.decision.Allowed && o.decision.OnEveryResource, $"{o.name}: {o.decision.Describe()}"));
    }
}
