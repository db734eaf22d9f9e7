using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Tests.Rules.Sandbox;

/// <summary>
/// A hostile rule scanned beside the catalog's tagging rules, on two customers: every other rule's
/// verdicts and every other customer's findings are what they are without it.
/// </summary>
public sealed class HostileRuleIsolationTests
{
    public static TheoryData<string, string> Rules() => new()
    {
        { "writes the tags it reads", "if (Resource.Tags is IDictionary<string, string> tags) tags.Remove(\"owner\");\nreturn Pass(\"\");" },
        { "adds its account to another customer", "var accounts = Estate.Customers.First(c => c.Id == \"globex\").Accounts;\nif (accounts is IList<string> list) list.Add(Resource.AccountId);\nreturn Pass(\"\");" },
        { "empties the inventory", "if (Inventory.OfType(Resource.Type) is IList<Resource> list) list.Clear();\nreturn Pass(\"\");" },
        { "loops forever on one customer only", "if (Resource.AccountId == \"111111111111\") { while (true) { } }\nreturn Pass(\"\");" },
        { "recurses forever through an expression lambda", "Func<int, int> f = null!;\nf = x => f(x) + 1;\nreturn Pass(f(0).ToString());" },
        { "doubles a string until memory runs out", "var s = Resource.Arn;\nwhile (true) s += s;" },
        { "asks for a 2 GB string", "return Pass(new string('a', int.MaxValue));" },
        { "backtracks catastrophically", "return Regex.IsMatch(new string('a', 40) + \"!\", @\"^(\\w+\\s?)*$\", RegexOptions.None, TimeSpan.FromHours(1)) ? Pass(\"\") : Fail(\"\");" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void AHostileRuleLeavesEveryOtherRulesVerdictsAndEveryOtherCustomersFindingsUnchanged(string name, string body)
    {
        var without = Baseline.Value;

        var with = Scan([.. Tagging(), SandboxRuns.Hostile(body)]);

        var others = with.Where(f => f.RuleId != "tagging-hostile-rule").ToList();
        Assert.True(without.SequenceEqual(others), $"{name}: the other rules' findings changed");
        Assert.NotEmpty(without);
        var own = with.Where(f => f.RuleId == "tagging-hostile-rule").ToList();
        Assert.All(own, f => Assert.True(f.Verdict is Verdict.Error or Verdict.Pass, $"{name}: {f.Verdict} {f.Message}"));
        Assert.Contains(own, f => f.Verdict == Verdict.Error || name.StartsWith("writes", StringComparison.Ordinal) || name.StartsWith("adds", StringComparison.Ordinal) || name.StartsWith("empties", StringComparison.Ordinal));
    }

    [Fact]
    public void ARuleStuckOnOneCustomerLeavesTheOtherCustomersVerdictsOfThatSameRuleIntact()
    {
        var findings = Scan([SandboxRuns.Hostile("if (Resource.AccountId == \"111111111111\") { while (true) { } }\nreturn Pass($\"{Resource.Arn} is fine\");")]);

        Assert.All(findings.Where(f => f.Customer == "acme"), f => Assert.Equal(Verdict.Error, f.Verdict));
        Assert.All(findings.Where(f => f.Customer == "globex"), f => Assert.Equal(Verdict.Pass, f.Verdict));
        Assert.Equal(2, findings.Count(f => f.Customer == "globex"));
    }

    // The scan without the hostile rule is the same for every case: compiled and run once.
    private static readonly Lazy<List<(string RuleId, string Arn, string? Customer, Verdict Verdict, string Message)>> Baseline = new(() => Scan(Tagging()));

    private static List<RuleSource> Tagging() =>
        Support.Catalog.Sources().Where(s => s.Path.Contains("/tagging/", StringComparison.Ordinal)).ToList();

    private static List<(string RuleId, string Arn, string? Customer, Verdict Verdict, string Message)> Scan(IReadOnlyList<RuleSource> sources)
    {
        var catalog = RuleCompiler.Compile(sources);
        var resources = SandboxRuns.Resources();
        var evaluator = new Evaluator(catalog, SandboxRuns.Estate, new Inventory(resources), _ => RuleParams.Empty, DateTimeOffset.UnixEpoch,
            TimeSpan.FromMilliseconds(300), allocationBudget: 64L * 1024 * 1024);
        var scan = new ScanEvaluator(evaluator, SandboxRuns.Estate, Array.Empty<CoverageGap>()) { IncludePasses = true };
        var (findings, _) = scan.Run(resources, CancellationToken.None);
        return findings.Select(f => (f.RuleId, f.ResourceArn, f.Customer, f.Verdict, f.Message))
            .Order()
            .ToList();
    }
}
