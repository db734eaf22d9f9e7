using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

public sealed class RulesCommandTests
{
    [Fact]
    public void ANewRuleFromTheTemplateCompilesAndPassesItsOwnCases()
    {
        using var directory = new TemporaryDirectory();

        var created = GuardrailsProcess.Run(directory.Path, "rules", "new", "tagging", "tagging-buckets-have-team", "--catalog", "catalog");
        var tested = GuardrailsProcess.Run(directory.Path, "rules", "test", "catalog");
        var linted = GuardrailsProcess.Run(directory.Path, "rules", "lint", "catalog");

        Assert.Equal(0, created.ExitCode);
        Assert.True(File.Exists(Path.Combine(directory.Path, "catalog", "tagging", "tagging-buckets-have-team.tests.json")));
        Assert.Equal(0, tested.ExitCode);
        Assert.Contains("2 passed, 0 failed, 0 skipped", tested.Output);
        // The template's rationale, remediation and reference are placeholders: lint refuses them until they are written.
        Assert.Equal(1, linted.ExitCode);
        Assert.Contains("tagging-buckets-have-team.csx(5,4): error GR1108: rationale is still the text of the rules new template", linted.Output);
        Assert.Contains("tagging-buckets-have-team.csx(6,4): error GR1108: remediation", linted.Output);
        Assert.Contains("tagging-buckets-have-team.csx(7,4): error GR1108: references", linted.Output);
    }

    [Fact]
    public void ANewRuleWhoseTemplateTextIsReplacedPassesTheLinter()
    {
        using var directory = new TemporaryDirectory();
        GuardrailsProcess.Run(directory.Path, "rules", "new", "tagging", "tagging-buckets-have-team", "--catalog", "catalog");
        var rule = Path.Combine(directory.Path, "catalog", "tagging", "tagging-buckets-have-team.csx");
        File.WriteAllText(rule, File.ReadAllText(rule)
            .Replace(RuleLinter.TemplateRationale, "A bucket with no team has nobody to answer for its data.", StringComparison.Ordinal)
            .Replace(RuleLinter.TemplateRemediation, "Tag the bucket: aws s3api put-bucket-tagging --bucket NAME --tagging 'TagSet=[{Key=team,Value=TEAM}]'.", StringComparison.Ordinal)
            .Replace("// references: " + RuleLinter.TemplateReference, "// references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/CostAllocTagging.html", StringComparison.Ordinal));

        var linted = GuardrailsProcess.Run(directory.Path, "rules", "lint", "catalog");

        Assert.Equal(0, linted.ExitCode);
        Assert.Contains("1 rules checked, 0 problem(s)", linted.Output);
    }

    [Theory]
    [InlineData("rules", "list", "nowhere")]
    [InlineData("rules", "test", "nowhere")]
    [InlineData("scan", "--demo", "--rules", "nowhere", "--out", "out")]
    public void ARulePathThatDoesNotExistIsAUsageErrorNamingIt(params string[] args)
    {
        using var directory = new TemporaryDirectory();

        var outcome = GuardrailsProcess.Run(directory.Path, args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Matches(@"error: no rule file or folder at \S*nowhere", outcome.Error);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("test")]
    public void ARuleThatDoesNotCompileIsARuleLoadErrorNamingItsLineAndColumn(string verb)
    {
        using var directory = new TemporaryDirectory();
        CopyCatalogRule(directory, "tagging-required-tags", text => text
            .Replace("tagging-required-tags", "tagging-buckets-have-team", StringComparison.Ordinal)
            .Replace("Resource.Tag(", "Resource.Tga(", StringComparison.Ordinal), "tagging-buckets-have-team");

        var outcome = GuardrailsProcess.Run(directory.Path, "rules", verb, "catalog");

        Assert.Equal(3, outcome.ExitCode);
        Assert.Matches(@"tagging-buckets-have-team\.csx\(\d+,\d+\): error CS1061", outcome.Error);
    }

    [Fact]
    public void LintCompilesTheRulesAndNamesACompileErrorsFileLineAndColumn()
    {
        using var directory = new TemporaryDirectory();
        CopyCatalogRule(directory, "tagging-required-tags", text => text
            .Replace("tagging-required-tags", "tagging-buckets-have-team", StringComparison.Ordinal)
            .Replace("Resource.Tag(", "Resource.Tga(", StringComparison.Ordinal), "tagging-buckets-have-team");

        var linted = GuardrailsProcess.Run(directory.Path, "rules", "lint", "catalog");

        Assert.Equal(1, linted.ExitCode);
        Assert.Matches(@"tagging-buckets-have-team\.csx\(\d+,\d+\): error CS1061", linted.Output);
    }

    [Fact]
    public void LintNamesAParameterTheRuleReadsButDoesNotDeclare()
    {
        using var directory = new TemporaryDirectory();
        CopyCatalogRule(directory, "tagging-below-tag-limit", text => text.Replace("Params.Number(\"max\")", "Params.Number(\"maximum\")", StringComparison.Ordinal));

        var linted = GuardrailsProcess.Run(directory.Path, "rules", "lint", "catalog");

        Assert.Equal(1, linted.ExitCode);
        Assert.Contains("error GR1109: the rule reads the parameter 'maximum' but its header does not declare it", linted.Output);
    }

    [Fact]
    public void ListShowsEachParameterWithItsTypeDefaultAndMeaningAndWhatToTune()
    {
        var listed = GuardrailsProcess.Run(RepoPaths.Root, "rules", "list");

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("    failAt (number, 0.01 to 1) = 0.8: usage at or above this share of the quota's value fails\n", listed.Output.ReplaceLineEndings("\n"));
        Assert.Contains("(set under quotas-headroom)", listed.Output);
        Assert.Contains("opinionated: tune values to your organisation in guardrails.yaml (rules: tagging-environment-allowed-values: values: ...)", listed.Output);
    }

    [Fact]
    public void RulesTestRunsOnlyTheCasesOfTheRulesNamed()
    {
        var tested = GuardrailsProcess.Run(RepoPaths.Root, "rules", "test", "--rule", "quotas-headroom*", "--skip-rule", "quotas-headroom-warning");
        var misspelt = GuardrailsProcess.Run(RepoPaths.Root, "rules", "test", "--rule", "quotas-headrom");

        Assert.Equal(0, tested.ExitCode);
        Assert.Contains("PASS quotas-headroom / ", tested.Output);
        Assert.DoesNotContain("quotas-headroom-warning /", tested.Output);
        Assert.DoesNotContain("PASS tagging-", tested.Output);
        Assert.Equal(2, misspelt.ExitCode);
        Assert.Contains("--rule quotas-headrom: matches no rule of the catalog", misspelt.Output);
    }

    [Fact]
    public void AFailingCaseShowsTheExpectedAndActualVerdictsAndExitsOne()
    {
        using var directory = new TemporaryDirectory();
        GuardrailsProcess.Run(directory.Path, "rules", "new", "iam", "iam-sample-rule", "--catalog", "catalog");
        var fixture = Path.Combine(directory.Path, "catalog", "iam", "iam-sample-rule.tests.json");
        File.WriteAllText(fixture, File.ReadAllText(fixture).Replace("\"expect\": \"fail\"", "\"expect\": \"pass\"", StringComparison.Ordinal));

        var tested = GuardrailsProcess.Run(directory.Path, "rules", "test", "catalog");

        Assert.Equal(1, tested.ExitCode);
        Assert.Contains("FAIL iam-sample-rule / a bucket without a team tag fails: expected Pass, got Fail", tested.Output);
    }

    [Fact]
    public void ARuleThatDoesNotCompileExitsThreeNamingFileLineAndColumn()
    {
        using var directory = new TemporaryDirectory();
        GuardrailsProcess.Run(directory.Path, "rules", "new", "quotas", "quotas-sample-rule", "--catalog", "catalog");
        var rule = Path.Combine(directory.Path, "catalog", "quotas", "quotas-sample-rule.csx");
        File.WriteAllText(rule, File.ReadAllText(rule).Replace("Resource.Tag(\"team\")", "Resource.Tga(\"team\")", StringComparison.Ordinal));

        var tested = GuardrailsProcess.Run(directory.Path, "rules", "test", "catalog");

        Assert.Equal(3, tested.ExitCode);
        Assert.Contains("quotas-sample-rule.csx(9,21): error CS1061", tested.Error);
    }

    [Fact]
    public void EveryRuleOfTheCatalogPassesTheLinter()
    {
        var problems = RuleCatalogFiles.Sources([RepoPaths.Catalog]).SelectMany(s => RuleLinter.Lint(s, CollectedResourceTypes.All));

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("// title: Ensure buckets are tagged", "GR1104")]
    [InlineData("// id: tagging-other-name", "GR1101")]
    [InlineData("// resource-types: AWS::S3::Buckets", "GR1107")]
    [InlineData("// resource-types: s3-bucket", "GR1106")]
    [InlineData("// remediation: Fix it.", "GR1105")]
    [InlineData("// colour: blue", "GR1001")]
    [InlineData("// severity: urgent", "GR1003")]
    public void TheLinterNamesEachHeaderMistake(string line, string code)
    {
        var key = line[3..line.IndexOf(':', StringComparison.Ordinal)];
        var text = Cli.RuleTemplateText();
        var lines = text.Split('\n').ToList();
        var index = lines.FindIndex(l => l.StartsWith($"// {key}:", StringComparison.Ordinal));
        if (index < 0)
        {
            lines.Insert(1, line);
        }
        else
        {
            lines[index] = line;
        }

        var problems = RuleLinter.Lint(new RuleSource("catalog/tagging/tagging-sample.csx", string.Join('\n', lines)), CollectedResourceTypes.All);

        Assert.Contains(problems, p => p.Contains(code, StringComparison.Ordinal) && p.StartsWith("catalog/tagging/tagging-sample.csx(", StringComparison.Ordinal));
    }

    private static class Cli
    {
        public static string RuleTemplateText() => Ocado.Guardrails.Scanner.Cli.RuleTemplate.Script("tagging-sample");
    }

    /// <summary>A rule of the repository's catalog, changed, as DIR/catalog/tagging/&lt;id&gt;.csx.</summary>
    private static void CopyCatalogRule(TemporaryDirectory directory, string sourceId, Func<string, string> change, string? id = null)
    {
        var rule = Path.Combine(directory.Path, "catalog", "tagging", (id ?? sourceId) + ".csx");
        Directory.CreateDirectory(Path.GetDirectoryName(rule)!);
        File.WriteAllText(rule, change(File.ReadAllText(Path.Combine(RepoPaths.Catalog, "tagging", sourceId + ".csx"))));
    }
}
