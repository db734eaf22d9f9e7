using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Snapshots;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary><c>rules lint</c>'s warnings: a Regex match timeout under a second, which a loaded worker turns into Errors.</summary>
public sealed class RulesLintWarningTests
{
    private const string Path = "catalog/tagging/tagging-sample.csx";

    [Theory]
    [InlineData("return Regex.IsMatch(Resource.Tag(\"team\") ?? \"\", \"^t\", RegexOptions.None, TimeSpan.FromMilliseconds(200)) ? Pass(\"ok\") : Fail(\"no\");", 1, 75, "200 ms")]
    [InlineData("var limit = TimeSpan.FromSeconds(0.5);\nreturn Regex.IsMatch(\"a\", \"a\", RegexOptions.None, limit) ? Pass(\"ok\") : Fail(\"no\");", 1, 13, "500 ms")]
    [InlineData("var regex = new System.Text.RegularExpressions.Regex(\"a+\", RegexOptions.None, TimeSpan.FromMilliseconds(50));\nreturn regex.IsMatch(\"a\") ? Pass(\"ok\") : Fail(\"no\");", 1, 79, "50 ms")]
    [InlineData("return Regex.Match(\"a\", \"a\", RegexOptions.None, (TimeSpan.FromMilliseconds((999)))).Success ? Pass(\"ok\") : Fail(\"no\");", 1, 50, "999 ms")]
    public void AShortMatchTimeoutIsAWarningAtItsPlace(string body, int bodyLine, int column, string said)
    {
        var warnings = RuleLinter.Warnings(Rule(body));

        var warning = Assert.Single(warnings);
        Assert.StartsWith($"{Path}({HeaderLines + bodyLine},{column}): warning GR1110: a regex match timeout of {said} is wall-clock time", warning);
        Assert.Empty(RuleLinter.Lint(Rule(body), CollectedResourceTypes.All));
    }

    [Theory]
    [InlineData("return Regex.IsMatch(\"a\", \"a\", RegexOptions.None, TimeSpan.FromSeconds(1)) ? Pass(\"ok\") : Fail(\"no\");")]
    [InlineData("return Regex.IsMatch(\"a\", \"a\", RegexOptions.None, Regex.InfiniteMatchTimeout) ? Pass(\"ok\") : Fail(\"no\");")]
    [InlineData("var skew = TimeSpan.FromMilliseconds(10);\nreturn DateTime.UtcNow - DateTime.UnixEpoch > skew && Regex.IsMatch(\"a\", \"a\", RegexOptions.None, TimeSpan.FromMilliseconds(1500)) ? Pass(\"ok\") : Fail(\"no\");")]
    [InlineData("// Regex.IsMatch(x, p, RegexOptions.None, TimeSpan.FromMilliseconds(1)) in a comment\nreturn Pass(\"ok\");")]
    public void AMatchTimeoutOfASecondOrMoreOrNoneAtAllIsNoWarning(string body)
    {
        Assert.Empty(RuleLinter.Warnings(Rule(body)));
    }

    [Fact]
    public void NoRuleOfTheCatalogHasAWarning()
    {
        Assert.Empty(RuleCatalogFiles.Sources([RepoPaths.Catalog]).SelectMany(RuleLinter.Warnings));
    }

    [Fact]
    public void LintPrintsAWarningAndStillPasses()
    {
        using var directory = new TemporaryDirectory();
        GuardrailsProcess.Run(directory.Path, "rules", "new", "tagging", "tagging-buckets-have-team", "--catalog", "catalog");
        var rule = System.IO.Path.Combine(directory.Path, "catalog", "tagging", "tagging-buckets-have-team.csx");
        File.WriteAllText(rule, File.ReadAllText(rule)
            .Replace(RuleLinter.TemplateRationale, "A bucket with no team has nobody to answer for its data.", StringComparison.Ordinal)
            .Replace(RuleLinter.TemplateRemediation, "Tag the bucket: aws s3api put-bucket-tagging --bucket NAME --tagging 'TagSet=[{Key=team,Value=TEAM}]'.", StringComparison.Ordinal)
            .Replace("// references: " + RuleLinter.TemplateReference, "// references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/CostAllocTagging.html", StringComparison.Ordinal)
            .Replace("var team = Resource.Tag(\"team\");", "var team = Regex.IsMatch(\"a\", \"a\", RegexOptions.None, TimeSpan.FromMilliseconds(100)) ? Resource.Tag(\"team\") : null;", StringComparison.Ordinal));

        var linted = GuardrailsProcess.Run(directory.Path, "rules", "lint", "catalog");

        Assert.Equal(0, linted.ExitCode);
        Assert.Contains("tagging-buckets-have-team.csx(9,55): warning GR1110: a regex match timeout of 100 ms", linted.Output);
        Assert.Contains("1 rules checked, 0 problem(s), 1 warning(s)", linted.Output);
    }

    private const int HeaderLines = 8;

    /// <summary>The template's header (7 lines and a blank one) above the given body.</summary>
    private static RuleSource Rule(string body) => new(Path, $"""
        // id: tagging-sample
        // title: Buckets name an owning team in their team tag
        // severity: medium
        // resource-types: AWS::S3::Bucket
        // rationale: A bucket with no team has nobody to answer for its data.
        // remediation: Tag the bucket with the owning team's name in its team tag.
        // references: https://docs.aws.amazon.com/AmazonS3/latest/userguide/CostAllocTagging.html

        {body}
        """);
}
