using System.Text.Json;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>
/// The hand-made estate of the transitive-escalation rule's fixture (chains of 1 to 4 hops across
/// accounts and customers, a cycle, dead ends cut by trust, a boundary and a Deny, an outside account),
/// judged through the graph's own API.
/// </summary>
public sealed class PrincipalGraphTests
{
    private const string Acme = "111111111111";

    private static readonly Lazy<PrincipalGraph> Estate = new(() =>
        PrincipalGraphBuilder.FromResources(HandMade(), RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow));

    private static PrincipalGraph Graph => Estate.Value;

    internal static List<Resource> HandMade()
    {
        var fixture = Path.Combine(RepoPaths.Catalog, "iam", "iam-principal-no-transitive-escalation.tests.json");
        using var document = JsonDocument.Parse(File.ReadAllText(fixture));
        return document.RootElement.GetProperty("inventory").EnumerateArray().Select(e => ConfigurationItems.ToResource(e.Clone())).ToList();
    }

    private static string Arn(string account, string kind, string name) => $"arn:aws:iam::{account}:{kind}/{name}";

    [Theory]
    [InlineData("111111111111", "user", "u1", 1)]
    [InlineData("111111111111", "user", "dev", 2)]
    [InlineData("111111111111", "user", "builder", 3)]
    [InlineData("333333333333", "user", "gx-user", 4)]
    public void TheShortestChainToAdminHasTheExpectedNumberOfHopsEachWithItsGrantingStatement(string account, string kind, string name, int hops)
    {
        var chain = Graph.ChainToAdmin(Arn(account, kind, name));

        Assert.NotNull(chain);
        Assert.Equal(hops, chain.Hops.Count);
        Assert.True(chain.End.Admin);
        Assert.All(chain.Hops, h => Assert.False(string.IsNullOrEmpty(h.Grant.Label)));
        // Consecutive hops join up: each starts where the last ended.
        Assert.All(chain.Hops.Skip(1).Zip(chain.Hops), pair => Assert.Same(pair.Second.To, pair.First.From));
    }

    [Theory]
    [InlineData("222222222222", "role", "loop-a")]
    [InlineData("111111111111", "user", "lambda-dev")]
    [InlineData("111111111111", "user", "bounded")]
    [InlineData("111111111111", "user", "denied")]
    public void CyclesAndDeadEndsReachNoAdmin(string account, string kind, string name)
    {
        Assert.NotNull(Graph.Find(Arn(account, kind, name)));
        Assert.Null(Graph.ChainToAdmin(Arn(account, kind, name)));
    }

    [Fact]
    public void ACycleIsFollowedBothWaysAndEndsTheSearch()
    {
        Assert.Single(Graph.EdgesFrom(Arn("222222222222", "role", "loop-a")), e => e.To.Arn == Arn("222222222222", "role", "loop-b"));
        Assert.Single(Graph.EdgesFrom(Arn("222222222222", "role", "loop-b")), e => e.To.Arn == Arn("222222222222", "role", "loop-a"));
        Assert.Null(Graph.ShortestChain(Arn("222222222222", "role", "loop-a"), Arn(Acme, "role", "admin1")));
    }

    [Fact]
    public void PassingARoleToAServiceItsTrustDoesNotAdmitIsNoEdge()
    {
        Assert.DoesNotContain(Graph.EdgesFrom(Arn(Acme, "user", "lambda-dev")), e => e.Kind == PrincipalEdgeKind.PassRole);
        var passed = Assert.Single(Graph.EdgesFrom(Arn(Acme, "user", "builder")), e => e.Kind == PrincipalEdgeKind.PassRole);
        Assert.Equal(Arn(Acme, "role", "fn"), passed.To.Arn);
        Assert.StartsWith("lambda.amazonaws.com", passed.Service, StringComparison.Ordinal);
        Assert.NotNull(passed.Trust);
    }

    [Fact]
    public void AssumingARoleAcrossAccountsNeedsTheCallersPermissionAndTheRolesTrust()
    {
        // locked trusts only 222222222222: a caller of 111111111111 allowed sts:AssumeRole on everything still cannot.
        // (admin1 may still rewrite its trust: that is another edge.)
        Assert.DoesNotContain(Graph.EdgesTo(Arn(Acme, "role", "locked")), e => e.From.AccountId == Acme && e.Kind == PrincipalEdgeKind.AssumeRole);
        Assert.Contains(Graph.EdgesTo(Arn(Acme, "role", "locked")), e => e.From.Arn == Arn(Acme, "role", "admin1") && e.Kind == PrincipalEdgeKind.UpdateAssumeRolePolicy);
        var hop = Assert.Single(Graph.EdgesTo(Arn("222222222222", "role", "hop")), e => e.From.Arn == Arn(Acme, "user", "dev"));
        Assert.Equal("statement #1 of inline policy dev-policy", hop.Grant.Label);
        Assert.Equal("statement #1 of the trust policy of hop", hop.Trust?.Label);
    }

    [Fact]
    public void ThePlatformRoleThatBridgesCustomersIsNamedOnTheChainFromAnotherCustomer()
    {
        var chain = Graph.ChainFromAnotherCustomer(Arn(Acme, "role", "platform-access"));

        Assert.NotNull(chain);
        Assert.Equal(Arn("333333333333", "role", "gx-ci"), chain.Start.Arn);
        Assert.Equal([Arn("999999999999", "role", "platform-bridge")], Graph.PlatformNodes(chain).Select(n => n.Arn));
    }

    [Fact]
    public void AnAccountOutsideTheEstateIsANodeThatHoldsEveryPermission()
    {
        var chain = Graph.ChainFromAnotherCustomer(Arn("333333333333", "role", "vendor"));

        Assert.NotNull(chain);
        Assert.Equal(PrincipalNodeKind.ExternalAccount, chain.Start.Kind);
        Assert.Equal("444444444444", chain.Start.AccountId);
    }

    [Fact]
    public void IdenticalPoliciesShareOnePermissionSetAndTheGraphIsTheSameEveryTime()
    {
        var again = PrincipalGraphBuilder.FromResources(Enumerable.Reverse(HandMade()), RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow);

        // admin1, ec2-admin and locked hold only AdministratorAccess; loop-a and loop-b differ by name only.
        Assert.True(Graph.PermissionSets < Graph.Nodes.Count(n => n.Kind is PrincipalNodeKind.User or PrincipalNodeKind.Role));
        Assert.Equal(Graph.Nodes.Select(n => n.Arn), again.Nodes.Select(n => n.Arn));
        Assert.Equal(Graph.Nodes.SelectMany(n => Graph.EdgesFrom(n.Arn)).Select(e => e.Describe()),
            again.Nodes.SelectMany(n => again.EdgesFrom(n.Arn)).Select(e => e.Describe()));
    }
}
