using System.Text.Json;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>
/// Role chaining (<see cref="PrincipalGraph.RoleChainBeyond"/>) on the hand-made estate of the role-chain rule's
/// fixture: a chain of 4 sts:AssumeRole hops across accounts and customers, a short cut into it, a cycle, a dead
/// end cut by trust, two users of one permission set, and a takeover that is no role chaining.
/// </summary>
public sealed class RoleChainTests
{
    private static readonly Lazy<PrincipalGraph> Estate = new(Build);

    private static PrincipalGraph Graph => Estate.Value;

    private static PrincipalGraph Build() => PrincipalGraphBuilder.FromResources(HandMade(), RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow);

    private static List<Resource> HandMade()
    {
        var fixture = Path.Combine(RepoPaths.Catalog, "iam", "iam-role-chain-within-depth.tests.json");
        using var document = JsonDocument.Parse(File.ReadAllText(fixture));
        return document.RootElement.GetProperty("inventory").EnumerateArray().Select(e => ConfigurationItems.ToResource(e.Clone())).ToList();
    }

    private static string User(string name) => $"arn:aws:iam::111111111111:user/{name}";

    [Theory]
    [InlineData(0, "arn:aws:iam::111111111111:role/hop1")]
    [InlineData(1, "arn:aws:iam::222222222222:role/hop2")]
    [InlineData(2, "arn:aws:iam::999999999999:role/hop3")]
    [InlineData(3, "arn:aws:iam::333333333333:role/hop4")]
    public void AChainOfOneToFourHopsIsFoundOneHopBeyondTheDepthAskedEachHopAnAssumeRoleThatJoinsTheNext(int depth, string end)
    {
        var chain = Graph.RoleChainBeyond(User("chain-user"), depth);

        Assert.NotNull(chain);
        Assert.Equal(depth + 1, chain.Hops.Count);
        Assert.Equal(User("chain-user"), chain.Start.Arn);
        Assert.Equal(end, chain.End.Arn);
        Assert.All(chain.Hops, h => Assert.Equal(PrincipalEdgeKind.AssumeRole, h.Kind));
        Assert.All(chain.Hops, h => Assert.NotNull(h.Trust));
        Assert.Same(chain.Start, chain.Hops[0].From);
        Assert.All(chain.Hops.Skip(1).Zip(chain.Hops), pair => Assert.Same(pair.Second.To, pair.First.From));
    }

    [Fact]
    public void AChainWithinTheDepthIsNone()
    {
        Assert.Null(Graph.RoleChainBeyond(User("chain-user"), 4));
        Assert.Null(Graph.RoleChainBeyond("arn:aws:iam::111111111111:role/hop1", 3));
        Assert.NotNull(Graph.RoleChainBeyond("arn:aws:iam::111111111111:role/hop1", 2));
    }

    [Fact]
    public void TheShortestChainCountsSoAShortCutToTheMiddleShortensIt()
    {
        var chain = Graph.RoleChainBeyond(User("shortcut"), 1);

        Assert.NotNull(chain);
        // Two hops reach hop2 (through hop1) and hop4 (through hop3, the short cut); the first in ARN order is named.
        Assert.Equal(["arn:aws:iam::111111111111:role/hop1", "arn:aws:iam::222222222222:role/hop2"], chain.Hops.Select(h => h.To.Arn));
        // chain-user, without the short cut, reaches hop4 in 4 hops; shortcut in 2.
        Assert.Null(Graph.RoleChainBeyond(User("shortcut"), 2));
        Assert.NotNull(Graph.RoleChainBeyond(User("chain-user"), 2));
    }

    [Fact]
    public void ACycleEndsTheSearchAndThePrincipalItselfIsNeverBeyond()
    {
        var loopA = "arn:aws:iam::222222222222:role/loop-a";
        var chain = Graph.RoleChainBeyond(loopA, 0);

        Assert.NotNull(chain);
        Assert.Equal("arn:aws:iam::222222222222:role/loop-b", Assert.Single(chain.Hops).To.Arn);
        // loop-a -> loop-b -> loop-a is two hops, but loop-a is where it started.
        Assert.Null(Graph.RoleChainBeyond(loopA, 1));
    }

    [Fact]
    public void ADeadEndCutByTrustIsNoHop()
    {
        var chain = Graph.RoleChainBeyond(User("stuck"), 0);

        Assert.NotNull(chain);
        Assert.Equal("arn:aws:iam::111111111111:role/dead-end", Assert.Single(chain.Hops).To.Arn);
        // dead-end may call sts:AssumeRole on hop1 and hop2, whose trust policies do not name it.
        Assert.Null(Graph.RoleChainBeyond(User("stuck"), 1));
    }

    [Fact]
    public void ATakeoverIsAnEdgeButNotRoleChaining()
    {
        Assert.Contains(Graph.EdgesFrom(User("keymaster")), e => e.Kind == PrincipalEdgeKind.CreateAccessKey && e.To.Arn == User("chain-user"));
        Assert.Null(Graph.RoleChainBeyond(User("keymaster"), 0));
    }

    [Fact]
    public void PrincipalsOfOnePermissionSetShareOneSearchEachWithItsOwnChain()
    {
        var graph = Build();
        var before = graph.RoleChainSearches;

        var a = graph.RoleChainBeyond(User("twin-a"), 3);
        var b = graph.RoleChainBeyond(User("twin-b"), 3);

        Assert.Equal(1, graph.RoleChainSearches - before);
        Assert.NotNull(a);
        Assert.NotNull(b);
        // Their permission set may assume every role of the account; only entry's trust (the account) admits them.
        Assert.Equal("arn:aws:iam::111111111111:role/entry", a.Hops[0].To.Arn);
        Assert.Equal(User("twin-a"), a.Hops[0].From.Arn);
        Assert.Equal(User("twin-b"), b.Hops[0].From.Arn);
        Assert.Equal(a.Hops.Skip(1).Select(h => h.Describe()), b.Hops.Skip(1).Select(h => h.Describe()));
        // Asked again, the search is not run again.
        graph.RoleChainBeyond(User("twin-a"), 3);
        Assert.Equal(1, graph.RoleChainSearches - before);
    }

    [Fact]
    public void AnUnknownPrincipalOrAGraphNotBuiltHasNoChain()
    {
        Assert.Null(Graph.RoleChainBeyond(User("nobody"), 0));
        Assert.Null(PrincipalGraph.NotBuilt.RoleChainBeyond(User("chain-user"), 0));
        Assert.True(Graph.HoldsAccount("999999999999"));
        Assert.False(Graph.HoldsAccount("444444444444"));
    }
}
