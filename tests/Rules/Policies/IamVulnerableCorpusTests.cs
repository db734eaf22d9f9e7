using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

/// <summary>
/// BishopFox's iam-vulnerable, deployed and dumped with get-account-authorization-details (via
/// cloudsplaining's example), judged per principal by the catalog's own rules over an inventory of the
/// whole dump, against the verdicts iam-vulnerable intends for each policy.
/// </summary>
public sealed class IamVulnerableCorpusTests(ITestOutputHelper output)
{
    private const string Account = "200611803367";

    /// <summary>The dump was taken in March 2023; a snapshot scan judges dates as of its collection.</summary>
    private static readonly DateTimeOffset CollectedAt = new(2023, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Flagged = ["escalation_possible", "escalation_possible_only_in_combination", "is_admin_target"];

    private sealed record Judged(Resource Principal, IReadOnlyList<string> Held, RuleResult Admin, RuleResult Escalation)
    {
        public bool IsFlagged => Admin.Verdict == Verdict.Fail || Escalation.Verdict == Verdict.Fail;
    }

    [Fact]
    public void EveryUserAndRoleGetsTheVerdictIamVulnerableIntendsForThePoliciesItHolds()
    {
        var (judged, intended) = JudgeAll();
        var inCorpus = judged.Where(j => j.Held.Any(intended.ContainsKey)).ToList();
        var disagreements = inCorpus
            .Where(j => j.IsFlagged != j.Held.Any(p => Flagged.Contains(intended.GetValueOrDefault(p))))
            .Select(j => $"{j.Principal.Name} holds {string.Join("+", j.Held)}: admin {j.Admin.Verdict}, escalation {j.Escalation.Verdict}: {j.Escalation.Message}")
            .ToList();

        output.WriteLine($"iam-vulnerable: {inCorpus.Count - disagreements.Count}/{inCorpus.Count} corpus principals agree; " +
            $"flagged {inCorpus.Count(j => j.IsFlagged)} (admin {inCorpus.Count(j => j.Admin.Verdict == Verdict.Fail)}, " +
            $"escalation {inCorpus.Count(j => j.Escalation.Verdict == Verdict.Fail)}), not flagged {inCorpus.Count(j => !j.IsFlagged)}");
        foreach (var other in judged.Except(inCorpus).Where(j => j.IsFlagged))
        {
            output.WriteLine($"  outside the corpus, flagged: {other.Principal.Type} {other.Principal.Name} (admin {other.Admin.Verdict}, escalation {other.Escalation.Verdict})");
        }
        Assert.Empty(disagreements);
        Assert.Superset(ListedPrincipals().ToHashSet(StringComparer.Ordinal), inCorpus.Select(j => j.Principal.Name).ToHashSet(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("fn1-privesc3-partial-user", "rhino-3")]
    [InlineData("fn1-privesc3-partial-role", "rhino-3")]
    [InlineData("fn2-exploitableResourceConstraint-user", "rhino-1")]
    [InlineData("fn3-exploitableConditionConstraint-role", "rhino-1")]
    [InlineData("fn4-exploitableNotAction-user", "rhino-10")]
    [InlineData("privesc-ssmSendCommand-role", "ssm-002")]
    [InlineData("privesc-sageMakerCreateTrainingJobPassRole-user", "sagemaker-002")]
    [InlineData("privesc-CloudFormationUpdateStack-role", "cloudformation-002")]
    [InlineData("privesc-sre-user", "rhino-1")]
    public void TheFalseNegativeTrapsAndTheServicePathsAreFoundByTheEscalationRule(string principal, string methodSource)
    {
        var (judged, _) = JudgeAll();
        var result = judged.Single(j => j.Principal.Name == principal).Escalation;

        Assert.Equal(Verdict.Fail, result.Verdict);
        var expected = methodSource.StartsWith("rhino-", StringComparison.Ordinal) ? $"Rhino Security Labs #{methodSource[6..]}:" : $"pathfinding.cloud {methodSource}:";
        Assert.Contains(expected, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fp1-allow-and-deny-user")]
    [InlineData("fp2-allow-and-deny-multiple-policies-user")]
    [InlineData("fp2-allow-and-deny-multiple-policies-role")]
    [InlineData("fp3-deny-iam-role")]
    [InlineData("fp4-nonExploitableResourceConstraint-user")]
    [InlineData("fp5-nonExploitableConditionConstraint-role")]
    public void TheFalsePositiveTrapsAreNeitherAdminNorEscalation(string principal)
    {
        var (judged, _) = JudgeAll();
        var result = judged.Single(j => j.Principal.Name == principal);

        Assert.Equal(Verdict.Pass, result.Admin.Verdict);
        Assert.Equal(Verdict.Pass, result.Escalation.Verdict);
    }

    [Theory]
    [InlineData("privesc-AssumeRole-ending-role")]
    [InlineData("privesc-high-priv-service-role")]
    [InlineData("OrganizationAccountAccessRole")]
    public void TheAdministratorsAreReportedByTheAdminRuleAndNotTwice(string principal)
    {
        var (judged, _) = JudgeAll();
        var result = judged.Single(j => j.Principal.Name == principal);

        Assert.Equal(Verdict.Fail, result.Admin.Verdict);
        Assert.Equal(Verdict.Pass, result.Escalation.Verdict);
        Assert.Contains("already admin", result.Escalation.Message, StringComparison.Ordinal);
    }

    private static (List<Judged> Judged, Dictionary<string, string> Intended) JudgeAll()
    {
        var dump = JsonDocument.Parse(File.ReadAllText(Fixtures.Real("iam-authz-details", "cloudsplaining-iam-vulnerable-authz-details.json")));
        var intended = Csv.Read(Fixtures.Real("iam-vulnerable", "expected-verdicts.csv"))
            .ToDictionary(r => r["policy_name"], r => r["intended_verdict"], StringComparer.Ordinal);
        var inventory = new Inventory(AuthorizationDetails.ToResources(dump.RootElement));
        var estate = new Estate([new Customer("iam-vulnerable", "iam-vulnerable", [Account])], [], ["us-east-1"]);
        var catalog = Support.Catalog.Rules;
        var evaluator = new Evaluator(catalog, estate, inventory, _ => RuleParams.Empty, CollectedAt);
        var admin = IndexOf(catalog, "iam-principal-no-admin-access");
        var escalation = IndexOf(catalog, "iam-principal-no-privilege-escalation");
        var judged = inventory.All
            .Where(r => r.Type is "AWS::IAM::User" or "AWS::IAM::Role")
            .Select(r => new Judged(r, Held(r, inventory), evaluator.Evaluate(admin, r), evaluator.Evaluate(escalation, r)))
            .OrderBy(j => j.Principal.Name, StringComparer.Ordinal)
            .ToList();
        return (judged, intended);
    }

    /// <summary>The managed policies a principal holds, directly or through its groups, read straight from the dump.</summary>
    private static List<string> Held(Resource principal, Inventory inventory)
    {
        var groups = (principal.Config("GroupList")?.EnumerateArray() ?? default)
            .Select(g => inventory.OfType("AWS::IAM::Group", principal.AccountId).Single(r => r.Name == g.GetString()));
        return new[] { principal }.Concat(groups)
            .SelectMany(e => e.Config("AttachedManagedPolicies")?.EnumerateArray() ?? default)
            .Select(p => JsonPath.Find(p, "PolicyName")!.Value.GetString()!)
            .ToList();
    }

    /// <summary>The users and roles the corpus lists as holding its policies: every one of them must have been judged.</summary>
    private static IEnumerable<string> ListedPrincipals() =>
        Csv.Read(Fixtures.Real("iam-vulnerable", "expected-verdicts.csv"))
            .SelectMany(r => $"{r["attached_users"]};{r["attached_roles"]}".Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int IndexOf(RuleCatalog catalog, string id) => catalog.Rules.ToList().FindIndex(r => r.Id == id);
}
