using System.Text.Json;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>
/// BishopFox's iam-vulnerable as deployed and dumped (via cloudsplaining's example): the graph finds the
/// escalation paths that pass through another principal, which no single-principal rule can see.
/// </summary>
public sealed class IamVulnerableGraphTests
{
    private const string Account = "200611803367";
    private static readonly DateTimeOffset CollectedAt = new(2023, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<PrincipalGraph> Dump = new(() =>
    {
        using var dump = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("iam-authz-details", "cloudsplaining-iam-vulnerable-authz-details.json")));
        var estate = new Estate([new Customer("iam-vulnerable", "iam-vulnerable", [Account])], [], ["us-east-1"]);
        return PrincipalGraphBuilder.FromResources(AuthorizationDetails.ToResources(dump.RootElement), estate, CollectedAt);
    });

    private static string Role(string name) => $"arn:aws:iam::{Account}:role/{name}";

    [Fact]
    public void TheAssumeRoleChainOfThreeRolesReachesTheEndingRolesAdministratorAccess()
    {
        var chain = Dump.Value.ChainToAdmin(Role("privesc-AssumeRole-starting-role"));

        Assert.NotNull(chain);
        Assert.Equal([Role("privesc-AssumeRole-intermediate-role"), Role("privesc-AssumeRole-ending-role")], chain.Hops.Select(h => h.To.Arn));
        Assert.All(chain.Hops, h => Assert.Equal(PrincipalEdgeKind.AssumeRole, h.Kind));
        Assert.True(chain.End.IsAdmin);
    }

    [Fact]
    public void TheServicePassRolePathsReachTheHighPrivilegeServiceRole()
    {
        var graph = Dump.Value;
        var passed = graph.EdgesTo(Role("privesc-high-priv-service-role")).Where(e => e.Kind == PrincipalEdgeKind.PassRole).ToList();

        Assert.NotEmpty(passed);
        Assert.All(passed, e => Assert.NotNull(e.Trust));
        Assert.True(graph.Find(Role("privesc-high-priv-service-role"))!.IsAdmin);
    }

    [Fact]
    public void TheFalsePositiveTrapsHaveNoChainToAdmin()
    {
        foreach (var trap in new[] { "fp1-allow-and-deny-role", "fp2-allow-and-deny-multiple-policies-role", "fp3-deny-iam-role", "fp5-nonExploitableConditionConstraint-role" })
        {
            var chain = Dump.Value.ChainToAdmin(Role(trap));
            Assert.True(chain is null, $"{trap}: {chain}");
        }
    }
}
