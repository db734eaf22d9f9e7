using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Catalog;

/// <summary>Every Fail of the catalog carries its evidence, as each rule's own cases show.</summary>
public sealed class CatalogEvidenceTests
{
    /// <summary>The rules whose cases include a Fail: those that can fail at all (see the fact below).</summary>
    public static TheoryData<string> FailingRuleIds() => new(Support.Catalog.Rules.Rules
        .Where(r => Cases(r.Id).Any(c => c.Expected == Verdict.Fail))
        .Select(r => r.Id));

    [Theory]
    [MemberData(nameof(FailingRuleIds))]
    public void EveryFailInTheRulesCasesCarriesEvidence(string ruleId)
    {
        var fails = Cases(ruleId).Where(c => c.Actual.Verdict == Verdict.Fail).ToList();

        Assert.NotEmpty(fails);
        Assert.All(fails, c =>
        {
            var json = c.Actual.Evidence?.ToJson();
            Assert.False(string.IsNullOrWhiteSpace(json), $"{ruleId}, case '{c.CaseName}': a Fail without evidence");
            using var evidence = JsonDocument.Parse(json!);
            Assert.True(evidence.RootElement.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object && HasContent(p.Value)),
                $"{ruleId}, case '{c.CaseName}': evidence with nothing in it: {json}");
        });
    }

    [Fact]
    public void EveryRuleThatCanFailHasAFailCase()
    {
        var canFail = Support.Catalog.Rules.Rules.Where(r => File.ReadAllText(Path.Combine(Support.RepoPaths.Root, r.Path)).Contains("Fail(", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(canFail);
        Assert.All(canFail, r => Assert.Contains(Cases(r.Id), c => c.Expected == Verdict.Fail));
    }

    private static bool HasContent(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.GetArrayLength() > 0,
        JsonValueKind.Object => element.EnumerateObject().Any(),
        _ => false,
    };

    private static IReadOnlyList<RuleFixtureResult> Cases(string ruleId)
    {
        var rule = Support.Catalog.Rules.Find(ruleId)!;
        return RuleFixtures.Run(Support.Catalog.Rules, ruleId, File.ReadAllText(Support.Catalog.FixturePath(rule)));
    }
}
