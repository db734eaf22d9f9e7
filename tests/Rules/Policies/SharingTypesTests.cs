using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Policies;

public sealed class SharingTypesTests
{
    private static readonly IReadOnlyList<RuleHeader> Catalog = [.. RuleCatalogFiles.Sources([RepoPaths.Catalog])
        .Select(source => RuleHeaderParser.Parse(source).Header ?? throw new InvalidOperationException($"{source.Path} has no header"))];

    public static TheoryData<string> JudgedTypes() => [.. SharingTypes.All.Where(t => t.RuleId is not null).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(JudgedTypes))]
    public void EveryTypeDeclaredJudgedHasARuleOfTheCatalogThatJudgesItsResourceType(string name)
    {
        var type = SharingTypes.All.Single(t => t.Name == name);

        var rule = Catalog.SingleOrDefault(r => r.Id == type.RuleId);

        Assert.True(rule is not null, $"{name} is declared judged by {type.RuleId}, which is not in rules-catalog");
        Assert.True(type.ResourceType is not null && rule.AppliesTo(type.ResourceType), $"{type.RuleId} does not judge {type.ResourceType} ({name})");
    }

    [Fact]
    public void EverySegregationRuleThatJudgesSharingIsDeclared()
    {
        // A new sharing rule that is not declared would be judged but missing from the reports' sharing coverage.
        var sharingRules = Catalog.Where(r => r.Family == "segregation"
            && (r.Id.Contains("-policy-no-foreign-", StringComparison.Ordinal) || r.Id.Contains("-no-foreign-sharing", StringComparison.Ordinal)
                || r.Id.Contains("-no-foreign-grants", StringComparison.Ordinal) || r.Id.Contains("-no-foreign-principals", StringComparison.Ordinal)
                || r.Id.Contains("-no-foreign-launch-permission", StringComparison.Ordinal)));

        var undeclared = sharingRules.Select(r => r.Id).Except(SharingTypes.All.Select(t => t.RuleId!).Where(id => id is not null)).ToList();

        Assert.True(undeclared.Count == 0, $"not in SharingTypes.All: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void ATypeThatIsNotCollectedSaysWhy()
    {
        Assert.All(SharingTypes.All.Where(t => !t.IsCovered), t => Assert.False(string.IsNullOrWhiteSpace(t.Note), $"{t.Name} is not checked and does not say why"));
    }

    [Fact]
    public void AScanChecksACollectedTypeOnlyWhenItsRuleRan()
    {
        var ran = Catalog.Where(r => r.Id != "segregation-backup-vault-policy-no-foreign-access").ToList();

        var checks = SharingCheck.For(ran);

        var vault = checks.Single(c => c.Type.ResourceType == "AWS::Backup::BackupVault");
        Assert.False(vault.Checked);
        Assert.Contains("did not run", vault.Reason, StringComparison.Ordinal);
        // Whatever is still not collected is not checked, whichever rule ran; DynamoDB's policies now are collected.
        Assert.All(checks.Where(c => c.Type.CollectedFrom is null), c =>
        {
            Assert.False(c.Checked);
            Assert.StartsWith("not collected", c.Reason, StringComparison.Ordinal);
        });
        Assert.True(checks.Single(c => c.Type.Name == "DynamoDB table resource policies").Checked);
        Assert.True(checks.Single(c => c.Type.Name == "DynamoDB stream resource policies").Checked);
        Assert.True(checks.Single(c => c.Type.Name == "S3 bucket policies").Checked);
    }

    [Fact]
    public void TheReadmesTableNamesEveryDeclaredResourceTypeAndRule()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("### Every way AWS shares a resource", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section 'Every way AWS shares a resource'");
        var section = readme[start..readme.IndexOf("\n#", start + 4, StringComparison.Ordinal)];

        Assert.All(SharingTypes.All, t =>
        {
            Assert.True(t.ResourceType is null || section.Contains($"`{t.ResourceType}`", StringComparison.Ordinal), $"{t.Name}: {t.ResourceType} is not in the README's table");
            Assert.True(t.RuleId is null || section.Contains($"`{t.RuleId}`", StringComparison.Ordinal), $"{t.Name}: {t.RuleId} is not in the README's table");
        });
    }
}
