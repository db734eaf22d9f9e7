using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Testing;
using static Ocado.Guardrails.Tests.Rules.Graph.GraphIam;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>
/// The steps the graph decides once for many pairs, and the trusts that admit nobody of the estate. Two
/// accounts hold the same kinds of principal, their policies naming their own account: an sts:AssumeRole
/// answer is shared between the two pairs of accounts, yet each edge names its own account's statement. A trust
/// of "*" under an external id, or of the account under MFA, admits no principal of the estate, whatever the
/// caller's own policies allow (AWS requires the role's trust). An SCP that spares one break-glass role decides
/// takeovers caller by caller, for the whole account at once.
/// </summary>
public sealed class SharedStepTests
{
    private const string A = "111111111111";
    private const string B = "222222222222";

    private static readonly Lazy<PrincipalGraph> Estate = new(() => PrincipalGraphBuilder.FromResources(
    [
        .. new[] { A, B }.SelectMany(account => new[]
        {
            // Only sts:AssumeRole: it reaches roles whose trust admits it, nothing more. The Sid names the account.
            Role(account, "deployer", $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"sts:AssumeRole"}""",
                $$"""{"Sid":"Assume{{account}}","Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}""",
                $$"""{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:*:{{account}}:*"}"""),
            Role(account, "shared-reader", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}""",
                """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"""),
            Role(account, "vendor", """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"k3y"}}}""",
                """{"Effect":"Allow","Action":"*","Resource":"*"}"""),
            Role(account, "break-glass", """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::""" + account + """:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""",
                """{"Effect":"Allow","Action":"*","Resource":"*"}"""),
            Role(account, "key-rotator", $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"sts:AssumeRole"}""",
                """{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}"""),
            Role(account, "key-rotator-spared", $$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"sts:AssumeRole"}""",
                """{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}"""),
            User(account, "clerk-1", """{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}"""),
            User(account, "clerk-2", """{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}"""),
        }),
    ], RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow, Org()));

    private static PrincipalGraph Graph => Estate.Value;

    [Fact]
    public void AnAnswerSharedBetweenAccountsNamesEachAccountsOwnStatement()
    {
        foreach (var (from, to) in new[] { (A, B), (B, A), (A, A) })
        {
            var hop = Assert.Single(Graph.ShortestChain(Arn(from, "role", "deployer"), Arn(to, "role", "shared-reader"))!.Hops);
            Assert.Equal(PrincipalEdgeKind.AssumeRole, hop.Kind);
            Assert.Equal("Assume" + from, hop.Grant.Sid);
            Assert.NotNull(hop.Trust);
            Assert.Contains(Graph.EdgesTo(Arn(to, "role", "shared-reader")), e => e.From.Arn == Arn(from, "role", "deployer") && e.Grant.Sid == "Assume" + from);
        }
    }

    [Fact]
    public void ATrustUnderAnExternalIdOrMfaAdmitsNoPrincipalOfTheEstate()
    {
        foreach (var role in new[] { Arn(A, "role", "vendor"), Arn(B, "role", "vendor"), Arn(A, "role", "break-glass"), Arn(B, "role", "break-glass") })
        {
            // (The outside party handed the external id, "anyone" here, may: estate principals may not.)
            Assert.DoesNotContain(Graph.EdgesTo(role), e => e.Kind == PrincipalEdgeKind.AssumeRole && e.From.IsPrincipal);
        }
        Assert.Null(Graph.ShortestChain(Arn(A, "role", "deployer"), Arn(A, "role", "vendor")));
        Assert.Null(Graph.ChainToAdmin(Arn(A, "role", "deployer")));
    }

    [Fact]
    public void AnScpThatSparesOnePrincipalDecidesTakeoversCallerByCaller()
    {
        // In A the SCP denies iam:CreateAccessKey to all but key-rotator-spared; B has no such SCP.
        Assert.DoesNotContain(Graph.EdgesFrom(Arn(A, "role", "key-rotator")), e => e.Kind == PrincipalEdgeKind.CreateAccessKey);
        foreach (var (account, rotator) in new[] { (A, "key-rotator-spared"), (B, "key-rotator"), (B, "key-rotator-spared") })
        {
            var reached = Graph.EdgesFrom(Arn(account, "role", rotator)).Where(e => e.Kind == PrincipalEdgeKind.CreateAccessKey).Select(e => e.To.Arn).Order();
            Assert.Equal([Arn(account, "user", "clerk-1"), Arn(account, "user", "clerk-2")], reached);
        }
    }

    private static Organization Org()
    {
        var full = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", "FullAWSAccess");
        var spare = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*",
             "Condition":{"ArnNotLike":{"aws:PrincipalARN":"arn:aws:iam::111111111111:role/key-rotator-spared"}}}]}
            """, "DenyKeysButSpared");
        return new Organization("o-exampleorgid", "999999999999",
        [
            new("r-examplerootid", null, "Root") { ServiceControlPolicies = [full] },
            new(A, "r-examplerootid", "a") { ServiceControlPolicies = [full, spare] },
            new(B, "r-examplerootid", "b") { ServiceControlPolicies = [full] },
            new("999999999999", "r-examplerootid", "management") { ServiceControlPolicies = [full] },
        ]);
    }
}
