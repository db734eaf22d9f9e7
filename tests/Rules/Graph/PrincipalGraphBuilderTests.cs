using System.Text.Json;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Rules.Graph;

/// <summary>The builder's own contract: accounts worked out while the next is read, their failures not lost; sets told apart by their text.</summary>
public sealed class PrincipalGraphBuilderTests
{
    private const string Allow = """{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""";

    private static readonly string[] Specific =
        ["${", "aws:PrincipalArn", "aws:PrincipalTag", "aws:username", "aws:userid", "aws:SourceIdentity", "aws:PrincipalType", "iam:ResourceTag", "aws:ResourceTag"];

    [Theory]
    [InlineData("""{"Condition":{"StringEquals":{"AWS:PRINCIPALARN":"x"}}}""")]
    [InlineData("""{"Resource":"arn:aws:s3:::b/${aws:username}/*"}""")]
    [InlineData("""{"Condition":{"StringEquals":{"aws:uſername":"x"}}}""")]
    [InlineData("""{"Condition":{"StringEquals":{"aws:ReſourceTag/x":"x"}}}""")]
    [InlineData("""{"Condition":{"StringEquals":{"iam:ResourceTag/K":"x"}}}""")]
    [InlineData("""{"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}""")]
    [InlineData("""{"Resource":"arn:aws:s3:::b/$ {aws:username}"}""")]
    [InlineData("")]
    public void APolicysTextNamesThePrincipalExactlyWhenItHoldsOneOfTheKeysIgnoringCase(string text)
    {
        var expected = Specific.Any(t => text.Contains(t, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(expected, PrincipalEdgeFinder.IsMemberSpecific(text));
    }

    [Fact]
    public void AnAccountThatCannotBeReadFailsTheBuildAfterTheNextAccountIsAdded()
    {
        var builder = new PrincipalGraphBuilder(RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow);
        builder.AddAccount([BadTrust("111111111111")]);

        // The account is worked out while the caller reads the next: its failure comes out of the next call.
        Assert.Throws<FormatException>(() => builder.AddAccount([GraphIam.User("222222222222", "reader", Allow)]));
    }

    [Fact]
    public void TheLastAccountsFailureComesOutOfTheBuild()
    {
        var builder = new PrincipalGraphBuilder(RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow);
        builder.AddAccount([GraphIam.User("222222222222", "reader", Allow)]);
        builder.AddAccount([BadTrust("111111111111")]);

        Assert.Throws<FormatException>(() => builder.Build());
    }

    [Fact]
    public void AccountsAddedInTurnGiveEveryPrincipalInTheOrderOfTheirArns()
    {
        var builder = new PrincipalGraphBuilder(RuleFixtures.DefaultEstate, RuleFixtures.DefaultNow);
        var accounts = Enumerable.Range(1, 6).Select(i => $"{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}{i}").Reverse().ToList();
        foreach (var account in accounts)
        {
            builder.AddAccount([.. Enumerable.Range(0, 20).Select(n => GraphIam.User(account, $"user{n:D2}", Allow))]);
        }

        var graph = builder.Build();

        var principals = graph.Nodes.Where(n => n.IsPrincipal).Select(n => n.Arn).ToList();
        Assert.Equal(accounts.SelectMany(a => Enumerable.Range(0, 20).Select(n => GraphIam.Arn(a, "user", $"user{n:D2}"))).Order(StringComparer.Ordinal), principals);
        // Each user's inline policy is named after it: one set per name, shared by the six accounts.
        Assert.Equal(20, graph.PermissionSets);
    }

    private static Resource BadTrust(string account) =>
        ConfigurationItems.ToResource(JsonSerializer.SerializeToElement(new Dictionary<string, object?>
        {
            ["resourceType"] = "AWS::IAM::Role", ["resourceId"] = "ID" + account, ["resourceName"] = "broken", ["ARN"] = GraphIam.Arn(account, "role", "broken"),
            ["awsAccountId"] = account, ["awsRegion"] = "global",
            ["configuration"] = new Dictionary<string, object?>
            {
                ["roleName"] = "broken", ["attachedManagedPolicies"] = Array.Empty<object>(), ["rolePolicyList"] = Array.Empty<object>(),
                ["assumeRolePolicyDocument"] = JsonDocument.Parse("""{"Version":"2012-10-17","Statement":5}""").RootElement,
            },
        }));
}
