using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>
/// The groups that keep the graph small: a principal that may take over every user or role of its
/// account gets one stored edge to the account's group, yet reaches each of them in one hop, and a chain
/// through the group names the statement that grants the takeover; where the grant does not cover every
/// principal (a Deny that protects one role), the principals are judged one by one and the protected one
/// is not reached.
/// </summary>
public sealed class AccountGroupTests
{
    private const string Account = "555555555555";

    private const string AllowAll = """{"Effect":"Allow","Action":"*","Resource":"*"}""";
    private const string RootTrust = """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::555555555555:root"},"Action":"sts:AssumeRole"}""";

    private static readonly Lazy<PrincipalGraph> Estate = new(() => PrincipalGraphBuilder.FromResources(
    [
        // Twenty principals that share one permission set, and are taken over like any other.
        .. Enumerable.Range(1, 20).Select(i => User($"clerk-{i:00}", """{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}""")),
        Role("admin-a", RootTrust, AllowAll),
        Role("admin-b", RootTrust, AllowAll),
        // Not admin, but may take over every user's keys and every role's trust.
        User("keymaster", """{"Sid":"TakeOverUsers","Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::555555555555:user/*"}""",
            """{"Sid":"RewriteTrusts","Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"*"}"""),
        // The same, less one role that a Deny protects.
        User("careful", """{"Effect":"Allow","Action":"iam:UpdateAssumeRolePolicy","Resource":"*"}""",
            """{"Effect":"Deny","Action":"iam:UpdateAssumeRolePolicy","Resource":"arn:aws:iam::555555555555:role/admin-b"}"""),
        User("reader", """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""),
        User("admin-user", AllowAll),
        Role("worker", """{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""",
            """{"Effect":"Allow","Action":"s3:*","Resource":"*"}"""),
    ], RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow));

    private static PrincipalGraph Graph => Estate.Value;

    private static string Arn(string kind, string name) => GraphIam.Arn(Account, kind, name);

    [Fact]
    public void AnAdminReachesEveryPrincipalOfItsAccountInOneHop()
    {
        var others = Graph.Nodes.Where(n => n.IsPrincipal && n.Arn != Arn("role", "admin-a")).ToList();

        Assert.Equal(26, others.Count);
        foreach (var other in others)
        {
            var chain = Graph.ShortestChain(Arn("role", "admin-a"), other.Arn);
            Assert.NotNull(chain);
            var hop = Assert.Single(chain.Hops);
            Assert.Equal(other.Arn, hop.To.Arn);
            Assert.Equal(Arn("role", "admin-a"), hop.From.Arn);
        }
        Assert.Equal(others.Select(o => o.Arn).Order(), Graph.EdgesFrom(Arn("role", "admin-a")).Select(e => e.To.Arn).Distinct().Order());
    }

    [Fact]
    public void TheAccountsTakeoversAreStoredOncePerPermissionSetNotOncePerPrincipal()
    {
        // Spelt out, the three administrators and keymaster each reach the 26 other principals (more than 100 steps);
        // stored, each permission set holds one edge to the users and one to the roles, and the rest is shared.
        var spelt = Graph.Nodes.Where(n => n.IsPrincipal).Sum(n => Graph.EdgesFrom(n.Arn).Count);
        Assert.True(spelt >= 100, $"{spelt} steps spelt out");
        Assert.True(Graph.EdgeCount < spelt / 4, $"{Graph.EdgeCount} edges stored for {spelt} steps: {string.Join("\n", Graph.StoredEdges.Select(e => e.Describe()))}");
        Assert.True(Graph.GroupCount > 0);
    }

    [Fact]
    public void AChainThroughTheAccountNamesTheStatementThatGrantsTheTakeover()
    {
        var chain = Graph.ChainToAdmin(Arn("user", "keymaster"));

        Assert.NotNull(chain);
        var hop = Assert.Single(chain.Hops);
        Assert.True(hop.To.Admin);
        Assert.Contains(hop.Kind, new[] { PrincipalEdgeKind.CreateAccessKey, PrincipalEdgeKind.UpdateAssumeRolePolicy });
        Assert.Equal(hop.Kind == PrincipalEdgeKind.CreateAccessKey ? "TakeOverUsers" : "RewriteTrusts", hop.Grant.Sid);
        Assert.Contains(hop.Grant.Label, chain.Describe(), StringComparison.Ordinal);
        Assert.Contains(hop.Grant.Sid!, chain.Evidence().ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADenyThatProtectsOneRoleCutsOnlyThatRole()
    {
        var reached = Assert.Single(Graph.ShortestChain(Arn("user", "careful"), Arn("role", "admin-a"))!.Hops);
        Assert.Equal(PrincipalEdgeKind.UpdateAssumeRolePolicy, reached.Kind);
        Assert.DoesNotContain(Graph.EdgesFrom(Arn("user", "careful")), e => e.To.Arn == Arn("role", "admin-b"));
        // admin-b is reached only through admin-a, which the Deny does not protect: two hops, not one.
        var around = Graph.ShortestChain(Arn("user", "careful"), Arn("role", "admin-b"));
        Assert.NotNull(around);
        Assert.Equal([Arn("role", "admin-a"), Arn("role", "admin-b")], around.Hops.Select(h => h.To.Arn));
    }

    [Fact]
    public void APrincipalWithoutTakeoversReachesNoAdminAndIsReachedByTheAdmins()
    {
        Assert.Null(Graph.ChainToAdmin(Arn("user", "reader")));
        Assert.Contains(Graph.EdgesTo(Arn("user", "reader")), e => e.From.Arn == Arn("user", "keymaster") && e.Kind == PrincipalEdgeKind.CreateAccessKey);
        Assert.Contains(Graph.EdgesTo(Arn("user", "reader")), e => e.From.Arn == Arn("user", "admin-user"));
    }

    private static Resource User(string name, params string[] statements) => GraphIam.User(Account, name, statements);

    private static Resource Role(string name, string trust, params string[] statements) => GraphIam.Role(Account, name, trust, statements);
}
