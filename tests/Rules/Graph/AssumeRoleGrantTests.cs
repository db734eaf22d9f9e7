using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;
using static Ocado.Guardrails.Tests.Rules.Graph.GraphIam;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>
/// sts:AssumeRole into roles that the caller's policies name one by one (not every role of the account): the graph
/// asks only about the roles a grant of the caller's names where AWS needs the caller's own policies to allow (across
/// accounts, or a trust that delegates to the account), and about every role where the trust may admit the caller on
/// its own (a NotPrincipal, a role session's ARN) or where a grant cannot be matched ahead (a NotResource, a policy
/// variable). Whatever it skips, its steps are exactly the pairs AWS's evaluation allows, asked pair by pair.
/// </summary>
public sealed class AssumeRoleGrantTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";

    private const string Nothing = """{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}""";

    private static readonly string TrustA = $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{A}}:root"},"Action":"sts:AssumeRole"}""";

    private static readonly Resource[] Resources =
    [
        // Roles of B that trust A's account: what A's callers may assume is what their own policies name.
        Role(B, "deploy-1", TrustA, Nothing),
        Role(B, "deploy-2", TrustA, Nothing),
        Role(B, "audit", TrustA, Nothing),
        // Roles of A that trust their own account by number: a delegation, as the root's ARN.
        Role(A, "local-1", $$"""{"Effect":"Allow","Principal":{"AWS":"{{A}}"},"Action":"sts:AssumeRole"}""", Nothing),
        Role(A, "local-2", $$"""{"Effect":"Allow","Principal":{"AWS":"{{A}}"},"Action":"sts:AssumeRole"}""", Nothing),
        // Trusts that name the account and, beside it, admit on their own: everyone but one, one role's session.
        Role(A, "open-but-one", TrustA + """,{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:user/nobody"},"Action":"sts:AssumeRole"}""", Nothing),
        Role(A, "session-trusted", $$"""{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::{{A}}:root","arn:aws:sts::{{A}}:assumed-role/deployer/session"]},"Action":"sts:AssumeRole"}""", Nothing),
        // Callers of A, each naming some roles only.
        Role(A, "deployer", TrustA,
            $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":["arn:aws:iam::{{B}}:role/deploy-*","arn:aws:iam::{{A}}:role/local-1"]}"""),
        User(A, "local-2", """{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/${aws:username}"}"""),
        User(A, "all-but-audit", """{"Effect":"Allow","Action":"sts:AssumeRole","NotResource":"arn:aws:iam::222222222222:role/audit"}"""),
        User(A, "auditor", $$"""{"Effect":"Allow","Action":["sts:AssumeRole"],"Resource":["arn:aws:iam::{{B}}:role/audit","arn:aws:iam::{{A}}:role/none"]}"""),
    ];

    private static readonly Lazy<PrincipalGraph> Estate = new(() => PrincipalGraphBuilder.FromResources(Resources, RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow));

    private static PrincipalGraph Graph => Estate.Value;

    [Fact]
    public void EveryAssumeRoleStepIsAPairAwsAllowsAndEveryPairAwsAllowsIsAStep()
    {
        var inventory = new Inventory(Resources);
        var principals = Resources.Where(r => r.Type is IamPrincipals.UserType or IamPrincipals.RoleType).ToList();
        var asked = 0;
        foreach (var caller in principals)
        {
            var permissions = IamPrincipals.PermissionsOf(caller, inventory, RuleFixtures.DefaultNow);
            var who = caller.Type == IamPrincipals.UserType ? RequestPrincipal.User(caller.Arn) : RequestPrincipal.RoleSession(caller.Arn);
            // The graph's gate, before any of this: a caller whose policies name sts:AssumeRole on no role of an account is not asked about its roles.
            var roles = principals.Where(r => r.Type == IamPrincipals.RoleType && r.Arn != caller.Arn
                && permissions.Can("sts:AssumeRole", $"arn:aws:iam::{r.AccountId}:role/*").Allowed).ToList();
            asked += roles.Count;
            var allowed = roles.Where(role => AccessEvaluator.Evaluate(new AccessQuestion(who, new RequestContext("sts:AssumeRole", role.Arn))
            {
                IdentityPolicies = permissions.Policies, PermissionsBoundary = permissions.BoundaryPolicy,
                ResourcePolicy = IamPrincipals.TrustPolicyOf(role), ResourceAccount = role.AccountId,
            }).Allowed).Select(r => r.Arn);

            Assert.Equal(allowed.Order(StringComparer.Ordinal), AssumedBy(caller.Arn).Where(r => roles.Any(role => role.Arn == r)));
        }
        Assert.True(asked >= 20, $"{asked} pairs asked");
    }

    [Fact]
    public void ACallerReachesTheRolesItsGrantNamesAndNoOther()
    {
        Assert.Equal(new[] { Arn(B, "role", "deploy-1"), Arn(B, "role", "deploy-2"), Arn(A, "role", "local-1"), Arn(A, "role", "open-but-one"), Arn(A, "role", "session-trusted") }
            .Order(StringComparer.Ordinal), AssumedBy(Arn(A, "role", "deployer")));
        Assert.Equal(new[] { Arn(B, "role", "audit"), Arn(A, "role", "open-but-one") }.Order(StringComparer.Ordinal), AssumedBy(Arn(A, "user", "auditor")));
    }

    [Fact]
    public void ATrustThatAdmitsOnItsOwnLetsInCallersWhoseGrantNamesOtherRoles()
    {
        // Their grants name neither role: the NotPrincipal admits both, the session's ARN deployer alone.
        foreach (var caller in new[] { Arn(A, "role", "deployer"), Arn(A, "user", "auditor") })
        {
            Assert.Contains(Arn(A, "role", "open-but-one"), AssumedBy(caller));
        }
        Assert.Contains(Arn(A, "role", "session-trusted"), AssumedBy(Arn(A, "role", "deployer")));
        Assert.DoesNotContain(Arn(A, "role", "session-trusted"), AssumedBy(Arn(A, "user", "auditor")));
    }

    [Fact]
    public void AGrantByPolicyVariableOrNotResourceIsAskedOfEveryRole()
    {
        Assert.Contains(Arn(A, "role", "local-2"), AssumedBy(Arn(A, "user", "local-2")));
        Assert.DoesNotContain(Arn(A, "role", "local-1"), AssumedBy(Arn(A, "user", "local-2")));
        var reached = AssumedBy(Arn(A, "user", "all-but-audit"));
        Assert.Contains(Arn(B, "role", "deploy-1"), reached);
        Assert.Contains(Arn(A, "role", "local-2"), reached);
        Assert.DoesNotContain(Arn(B, "role", "audit"), reached);
    }

    private static List<string> AssumedBy(string arn) =>
        [.. Graph.EdgesFrom(arn).Where(e => e.Kind == PrincipalEdgeKind.AssumeRole).Select(e => e.To.Arn).Distinct().Order(StringComparer.Ordinal)];
}
