namespace Ocado.Guardrails.Tests.Catalog;

/// <summary>The catalog's parameters: each default written once, and the organisation's vocabulary marked as such.</summary>
public sealed class CatalogParameterTests
{
    private static readonly IReadOnlyList<Ocado.Guardrails.Rules.Engine.Rule> Rules = Support.Catalog.Rules.Rules;

    [Fact]
    public void NoTwoRulesOwnAParameterOfTheSameNameAndDefault()
    {
        var owned = Rules.SelectMany(r => r.Header.Parameters.Where(p => p.Owner is null).Select(p => (Rule: r.Id, Parameter: p)));

        var twice = owned.GroupBy(o => (o.Parameter.Name, o.Parameter.DefaultText)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Name} = {g.Key.DefaultText} in {string.Join(", ", g.Select(o => o.Rule))}: declare it once and share it (// param: {g.Key.Name} from RULE)");

        Assert.Empty(twice);
    }

    [Fact]
    public void ASharedParameterHasItsOwnersDeclaration()
    {
        var shared = Rules.SelectMany(r => r.Header.Parameters.Where(p => p.Owner is not null)).ToList();

        Assert.NotEmpty(shared);
        Assert.All(shared, p => Assert.Equal(
            Rules.Single(r => r.Id == p.Owner).Header.Parameters.Single(o => o.Name == p.Name) with { Owner = p.Owner }, p));
    }

    [Fact]
    public void RulesJudgingTheOrganisationsOwnVocabularySayTheyAreTuned()
    {
        var tuned = Rules.Where(r => r.Header.Tune.Count > 0).ToDictionary(r => r.Id, r => string.Join(",", r.Header.Tune));

        Assert.Equal("values", tuned["tagging-environment-allowed-values"]);
        Assert.Equal("domains", tuned["tagging-owner-is-email"]);
        Assert.Equal("pattern", tuned["tagging-cost-centre-format"]);
        Assert.Equal("tags", tuned["tagging-required-tags"]);
    }

    [Fact]
    public void NoRemediationRepeatsADefaultTheHeaderHolds()
    {
        var repeated = Rules.SelectMany(r => r.Header.Parameters
            .Where(p => r.Header.Remediation.Contains($"default {p.DefaultText}", StringComparison.Ordinal))
            .Select(p => $"{r.Id}: the remediation repeats {p.Name}'s default {p.DefaultText}"));

        Assert.Empty(repeated);
    }

    [Fact]
    public void EveryDeclaredTypeIsOneOfTheKnown() =>
        Assert.All(Rules.SelectMany(r => r.Header.Parameters), p => Assert.True(Enum.IsDefined(p.Type)));
}
