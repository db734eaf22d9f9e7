using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Catalog;

public sealed class CatalogFixtureTests
{
    public static TheoryData<string> RuleIds() => new(Support.Catalog.Rules.Rules.Select(r => r.Id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryCaseOfTheRulesFixturesGivesItsExpectedVerdict(string ruleId)
    {
        var rule = Support.Catalog.Rules.Find(ruleId)!;
        var results = RuleFixtures.Run(Support.Catalog.Rules, ruleId, File.ReadAllText(Support.Catalog.FixturePath(rule)));

        Assert.All(results, r => Assert.True(r.Passed, $"{r.CaseName}: {r.Problem}"));
        Assert.Contains(results, r => r.Expected == Verdict.Pass);
        // The negative case is a Fail, or NotAssessed for a rule whose negative outcome is missing data.
        Assert.Contains(results, r => r.Expected is Verdict.Fail or Verdict.NotAssessed);
    }

    [Fact]
    public void TheCatalogHasAtLeastThreeRulesInEveryFamily()
    {
        var families = Support.Catalog.Rules.Rules.GroupBy(r => r.Family).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(Ocado.Guardrails.Rules.Engine.RuleHeader.Families, f => Assert.True(families.GetValueOrDefault(f) >= 3, $"{f} has {families.GetValueOrDefault(f)} rules"));
    }

    [Fact]
    public void EveryRuleIdEqualsItsFileNameAndSitsInItsFamilysFolder()
    {
        Assert.All(Support.Catalog.Rules.Rules, r =>
        {
            Assert.Equal(r.Id, Path.GetFileNameWithoutExtension(r.Path));
            Assert.Equal(r.Family, Path.GetFileName(Path.GetDirectoryName(r.Path)));
        });
    }
}
