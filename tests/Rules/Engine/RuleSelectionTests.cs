using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Rules.Engine;

public sealed class RuleSelectionTests
{
    private static readonly RuleCatalog Whole = Support.Catalog.Rules;

    private static RuleOff? OffOf(RuleCatalog selected, string id) => selected.Off.FirstOrDefault(o => o.RuleId == id);

    [Fact]
    public void NothingSwitchedLeavesTheCatalogAsItIs()
    {
        var selected = RuleSelection.Apply(Whole, [], RuleFilter.None);

        Assert.Same(Whole, selected);
        Assert.Empty(selected.Off);
    }

    [Fact]
    public void APatternTurnsRulesOffAndTheRuleOwnIdTurnsOneBackOn()
    {
        var selected = RuleSelection.Apply(Whole, [new RuleSwitch("tagging-*", false, null), new RuleSwitch("tagging-required-tags", true, null)], RuleFilter.None);

        Assert.NotNull(selected.Find("tagging-required-tags"));
        Assert.Null(selected.Find("tagging-owner-is-email"));
        Assert.Equal("guardrails.yaml: rules: tagging-*: enabled: false", OffOf(selected, "tagging-owner-is-email")?.Reason);
        Assert.Equal(Whole.Rules.Count, selected.Rules.Count + selected.Off.Count);
        Assert.NotEqual(Whole.Hash, selected.Hash);
    }

    [Fact]
    public void ASeverityOverrideIsWhatTheRuleReportsAndWhatMinSeverityJudges()
    {
        var selected = RuleSelection.Apply(Whole, [new RuleSwitch("tagging-owner-is-email", null, Severity.High)], new RuleFilter { MinimumSeverity = Severity.High });

        Assert.Equal(Severity.High, selected.Find("tagging-owner-is-email")!.Header.Severity);
        Assert.Equal(Severity.Low, Whole.Find("tagging-owner-is-email")!.Header.Severity);
        Assert.Equal("--min-severity high (the rule reports low)", OffOf(selected, "tagging-environment-allowed-values")?.Reason);
        Assert.All(selected.Rules, r => Assert.True(r.Header.Severity >= Severity.High));
    }

    [Fact]
    public void TheCommandLineNarrowsAndItsRuleFlagWinsOverTheFile()
    {
        var selected = RuleSelection.Apply(Whole, [new RuleSwitch("quotas-headroom", false, null)],
            new RuleFilter { Only = ["quotas-*"], Skip = ["quotas-exhausted"], Families = ["quotas"] });

        Assert.NotNull(selected.Find("quotas-headroom"));
        Assert.Equal("--skip-rule quotas-exhausted", OffOf(selected, "quotas-exhausted")?.Reason);
        Assert.Equal("not named by --rule quotas-*", OffOf(selected, "iam-root-no-access-keys")?.Reason);
        Assert.All(selected.Rules, r => Assert.Equal("quotas", r.Family));
    }

    [Fact]
    public void TheFamilyFlagKeepsOnlyThoseFamilies()
    {
        var selected = RuleSelection.Apply(Whole, [], new RuleFilter { Families = ["iam", "segregation"] });

        Assert.All(selected.Rules, r => Assert.Contains(r.Family, new[] { "iam", "segregation" }));
        Assert.Equal("--family iam,segregation", OffOf(selected, "quotas-headroom")?.Reason);
    }

    [Fact]
    public void FlagsThatNameNothingAreErrorsListedTogether()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RuleSelection.Apply(Whole, [], new RuleFilter { Only = ["tagging-requried-tags"], Skip = ["quota-*"], Families = ["network"] }));

        Assert.Contains("--rule tagging-requried-tags: matches no rule", error.Message);
        Assert.Contains("--skip-rule quota-*: matches no rule", error.Message);
        Assert.Contains("--family network: not a family", error.Message);
    }

    [Theory]
    [InlineData("tagging-*", "tagging-required-tags", true)]
    [InlineData("*-headroom", "quotas-headroom", true)]
    [InlineData("*-headroom", "quotas-headroom-warning", false)]
    [InlineData("quotas-headroom?warning", "quotas-headroom-warning", true)]
    [InlineData("quotas-headroom", "quotas-headroom-warning", false)]
    [InlineData("Tagging-*", "tagging-required-tags", false)]
    public void APatternMatchesWholeIdsCaseSensitively(string pattern, string id, bool matches) =>
        Assert.Equal(matches, RuleSelection.Matches(pattern, id));
}
