using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Rules.Testing;

namespace Ocado.Guardrails.Tests.Catalog;

public sealed class TaggingNoSecretsMessageTests
{
    private const string RuleId = "tagging-no-secrets-in-tags";

    [Fact]
    public void AFindingNamesTheTagButNeverRepeatsTheSecretItHolds()
    {
        var rule = Support.Catalog.Rules.Find(RuleId)!;
        var fixture = File.ReadAllText(Support.Catalog.FixturePath(rule));
        var results = RuleFixtures.Run(Support.Catalog.Rules, RuleId, fixture);
        // The values of the tags each failing case is about: every tag that is not one of the demo estate's own.
        using var document = JsonDocument.Parse(fixture);
        var demoKeys = new HashSet<string>(["owner", "customer", "environment", "cost-centre", "Name"], StringComparer.Ordinal);
        var secretsByCase = document.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => ConfigurationItems.Tags(c.GetProperty("resource").GetProperty("tags"))
                .Where(t => !demoKeys.Contains(t.Key))
                .Select(t => t.Value)
                .ToList());

        var failures = results.Where(r => r.Actual.Verdict == Verdict.Fail).ToList();

        Assert.NotEmpty(failures);
        Assert.All(failures, r => Assert.All(secretsByCase[r.CaseName], secret => Assert.DoesNotContain(secret, r.Actual.Message, StringComparison.Ordinal)));
        Assert.All(failures, r => Assert.Contains("tag '", r.Actual.Message, StringComparison.Ordinal));
    }
}
