using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

public sealed class RuleSettingsTests
{
    private const string Estate = """
        estate:
          customers:
            - id: acme
              accounts: ["111111111111"]
          regions: [eu-west-1]

        """;

    private static GuardrailsConfig Load(string rules)
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "guardrails.yaml");
        File.WriteAllText(path, Estate + rules);
        return GuardrailsConfig.Load(path);
    }

    private static IReadOnlyList<string> Check(string rules) =>
        Assert.Throws<ConfigException>(() => Load(rules).SelectRules(Support.Catalog.Rules, RuleFilter.None)).Errors;

    [Fact]
    public void EveryMistakeAgainstTheCatalogIsListedAtOnceWithWhatWasMeant()
    {
        var errors = Check("""
            rules:
              quotas-headroom: { failat: 0.9 }
              quotas-headroom-warning: { warnAt: 1.5 }
              tagging-requried-tags: { tags: [owner] }
              tagging-below-tag-limit: { max: "many" }
              tagging-cost-centre-format: { pattern: "^(CC" }
              iam-root-no-access-keys: { maxAgeDays: 30 }
              network-*: { enabled: false }
            """);

        Assert.Equal(7, errors.Count);
        Assert.Contains("rules.quotas-headroom.failat: quotas-headroom has no parameter 'failat'; did you mean failAt?; its parameters: failAt, enabled, severity", errors);
        Assert.Contains("rules.quotas-headroom-warning.warnAt: must be between 0.01 and 1 (was 1.5)", errors);
        Assert.Contains("rules.tagging-requried-tags: no such rule; did you mean tagging-required-tags? (guardrails rules list shows them)", errors);
        Assert.Contains("rules.tagging-below-tag-limit.max: must be a whole number (was the string 'many')", errors);
        Assert.Contains(errors, e => e.StartsWith("rules.tagging-cost-centre-format.pattern: is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains("rules.iam-root-no-access-keys.maxAgeDays: iam-root-no-access-keys has no parameter 'maxAgeDays'; it takes only enabled and severity", errors);
        Assert.Contains("rules.network-*: matches no rule of the catalog", errors);
    }

    [Fact]
    public void ASharedParameterIsSetOnceUnderItsOwner()
    {
        var errors = Check("""
            rules:
              quotas-headroom-warning: { failAt: 0.9 }
            """);

        Assert.Equal(["rules.quotas-headroom-warning.failAt: failAt is shared with quotas-headroom; set it once, as rules.quotas-headroom.failAt"], errors);
    }

    [Fact]
    public void TheShapeOfAnEntryIsCheckedWhenTheFileIsRead()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""
            rules:
              tagging-*: { enabled: no, severity: urgent, tags: [owner] }
              quotas-headroom: 0.9
              quotas-exhausted: { enabled: "off" }
            """));

        Assert.Contains("rules.tagging-*.severity: 'urgent' is not one of critical, high, medium, low, info", error.Errors);
        Assert.Contains("rules.tagging-*: a pattern may set only enabled and severity; set tags under one rule's id", error.Errors);
        Assert.Contains("rules.quotas-headroom: must be a mapping (enabled:, severity: or the rule's parameters)", error.Errors);
        Assert.Contains("rules.quotas-exhausted.enabled: 'off' must be true or false", error.Errors);
    }

    [Fact]
    public void ValidSettingsReachTheRulesAndTheSelection()
    {
        var config = Load("""
            rules:
              quotas-headroom: { failAt: 0.9, severity: high }
              tagging-*: { enabled: false }
              tagging-required-tags: { enabled: true, tags: [team] }
            """);

        var selected = config.SelectRules(Support.Catalog.Rules, RuleFilter.None);

        Assert.Equal(Severity.High, selected.Find("quotas-headroom")!.Header.Severity);
        Assert.NotNull(selected.Find("tagging-required-tags"));
        Assert.Null(selected.Find("tagging-owner-is-email"));
        Assert.Equal(0.9, config.ParamsFor("quotas-headroom").Number("failAt"));
        Assert.Equal(["team"], config.ParamsFor("tagging-required-tags").Strings("tags"));
    }
}
