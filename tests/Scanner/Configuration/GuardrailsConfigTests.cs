using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Configuration;

public sealed class GuardrailsConfigTests
{
    private static GuardrailsConfig Load(string yaml)
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "guardrails.yaml");
        File.WriteAllText(path, yaml);
        return GuardrailsConfig.Load(path);
    }

    [Fact]
    public void TheEstateRulesParametersAndAwsSettingsAreRead()
    {
        var config = Load("""
            estate:
              customers:
                - id: acme
                  name: Acme Foods
                  accounts: ["111111111111", "222222222222"]
                - id: globex
                  accounts: ["012345678901"]
              platform:
                accounts: ["999999999999"]
              regions: [eu-west-1, eu-central-1]
            aws:
              roleName: GuardrailsAudit
              externalId: "0042"
            rules:
              tagging-required-tags: { tags: [owner, customer] }
              quotas-headroom: { failAt: 0.9, enabled: true }
            """);

        Assert.Equal("Acme Foods", config.Estate.CustomerOf("222222222222")?.Name);
        Assert.Equal("globex", config.Estate.CustomerOf("012345678901")?.Id);
        Assert.Equal(AccountRelation.Platform, config.Estate.Relation("999999999999", "111111111111"));
        Assert.Equal(["eu-west-1", "eu-central-1"], config.Estate.Regions);
        Assert.Equal("0042", config.ExternalId);
        Assert.Equal(["owner", "customer"], config.ParamsFor("tagging-required-tags").Strings("tags"));
        Assert.Equal(0.9, config.ParamsFor("quotas-headroom").Number("failAt"));
        Assert.Contains(new RuleSwitch("quotas-headroom", true, null), config.Rules.Switches);
        Assert.Empty(config.ParamsFor("quotas-exhausted").SetValues);
    }

    [Fact]
    public void EveryMistakeIsListedAtOnce()
    {
        var error = Assert.Throws<ConfigException>(() => Load("""
            estate:
              customers:
                - id: Acme Foods
                  accounts: ["1111", "222222222222"]
                - id: globex
                  accounts: ["222222222222"]
              platform:
                accounts: ["abc"]
            rules:
              quotas-headroom: 0.8
            """));

        Assert.Equal(5, error.Errors.Count);
        Assert.Contains("lower-kebab-case", error.Message);
        Assert.Contains("'1111' is not a 12-digit AWS account id", error.Message);
        Assert.Contains("222222222222 already belongs to customer 'Acme Foods'", error.Message);
        Assert.Contains("estate.platform.accounts: 'abc'", error.Message);
        Assert.Contains("rules.quotas-headroom: must be a mapping", error.Message);
    }

    [Fact]
    public void AYamlSyntaxErrorNamesTheLine()
    {
        var error = Assert.Throws<ConfigException>(() => Load("estate:\n  customers: [\n    - id: x\n"));

        Assert.Contains("guardrails.yaml is not valid", error.Message);
        Assert.Contains("line ", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var error = Assert.Throws<ConfigException>(() => GuardrailsConfig.Load("/nonexistent/guardrails.yaml"));

        Assert.Contains("/nonexistent/guardrails.yaml", error.Message);
        Assert.Contains("does not exist", error.Message);
    }
}
