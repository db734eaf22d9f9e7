using System.Text.Json;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary>Rule selection and rule settings as a user meets them: through the program, its exit code and its outputs.</summary>
public sealed class RuleSelectionCommandTests
{
    [Fact]
    public void AScanWithRulesTurnedOffSaysWhichAndWhyInTheConsoleFindingsAndReport()
    {
        using var estate = new TinyEstate { Extra = """
            rules:
              tagging-owner-is-email: { enabled: false }
            """ }.Untagged("orders").Write();

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", ".", "--out", "out", "--no-store", "--quiet", "--skip-rule", "quotas-*");

        Assert.Equal(0, scan.ExitCode);
        Assert.Contains("Rules not run: ", scan.Output);
        Assert.Contains("  - --skip-rule quotas-*: quotas-applied-below-default", scan.Output);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(estate.Directory, "out", "findings.json")));
        var off = findings.RootElement.GetProperty("rulesOff").EnumerateArray()
            .ToDictionary(o => o.GetProperty("rule").GetString()!, o => o.GetProperty("reason").GetString());
        Assert.Equal("guardrails.yaml: rules: tagging-owner-is-email: enabled: false", off["tagging-owner-is-email"]);
        Assert.Equal("--skip-rule quotas-*", off["quotas-headroom"]);
        Assert.DoesNotContain(findings.RootElement.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() is "tagging-owner-is-email" or "quotas-headroom");
        var report = File.ReadAllText(Path.Combine(estate.Directory, "out", "report.html"));
        Assert.Contains("Rules not run: 8", report);
        Assert.Contains("guardrails.yaml: rules: tagging-owner-is-email: enabled: false", report);
        // An opinionated rule says in the report that its vocabulary is the organisation's to set.
        Assert.Contains("Tuned to your organisation", report);
        Assert.Contains("rules: tagging-environment-allowed-values: values", report);
    }

    [Fact]
    public void ASeverityOverrideFromTheFileIsTheSeverityOfTheFindings()
    {
        using var estate = new TinyEstate { Extra = """
            rules:
              tagging-required-tags: { severity: critical }
            """ }.Untagged("orders").Write();

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", ".", "--out", "out", "--no-store", "--quiet", "--fail-on", "critical");

        Assert.Equal(1, scan.ExitCode);
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(estate.Directory, "out", "findings.json")));
        var required = findings.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("ruleId").GetString() == "tagging-required-tags").ToList();
        Assert.Contains(required, f => f.GetProperty("resourceArn").GetString() == TinyEstate.Arn("orders") && f.GetProperty("verdict").GetString() == "fail");
        Assert.All(required, f => Assert.Equal("critical", f.GetProperty("severity").GetString()));
    }

    [Fact]
    public void ATypoInTheRulesSectionStopsTheScanBeforeAnythingRunsWithEveryMistakeListed()
    {
        using var estate = new TinyEstate { Extra = """
            rules:
              quotas-headroom: { failat: 0.9 }
              quotas-exhausted: { failAt: 1.5 }
              tagging-requried-tags: { tags: [owner] }
            """ }.Untagged("orders").Write();

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", ".", "--out", "out", "--no-store", "--quiet");

        Assert.Equal(2, scan.ExitCode);
        Assert.Contains("rules.quotas-headroom.failat: quotas-headroom has no parameter 'failat'; did you mean failAt?", scan.Error);
        Assert.Contains("rules.quotas-exhausted.failAt: quotas-exhausted has no parameter 'failAt'; it takes only enabled and severity", scan.Error);
        Assert.Contains("rules.tagging-requried-tags: no such rule; did you mean tagging-required-tags?", scan.Error);
        Assert.False(File.Exists(Path.Combine(estate.Directory, "out", "findings.json")));
    }

    [Theory]
    [InlineData("--rule", "tagging-requried-tags", "--rule tagging-requried-tags: matches no rule of the catalog")]
    [InlineData("--family", "network", "--family network: not a family; families: tagging, segregation, iam, quotas")]
    [InlineData("--min-severity", "urgent", "urgent")]
    public void ARuleFlagThatNamesNothingExitsTwo(string flag, string value, string expected)
    {
        using var estate = new TinyEstate().Untagged("orders").Write();

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", ".", "--out", "out", "--no-store", "--quiet", flag, value);

        Assert.Equal(2, scan.ExitCode);
        Assert.Contains(expected, scan.Error);
    }

    [Fact]
    public void CheckRunsOnlyTheRulesNamedAndListsTheOthersAsNotRunInSarif()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "bucket.yaml"), """
            Resources:
              Orders:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: orders
            """);

        var check = GuardrailsProcess.Run(directory.Path, "check", "bucket.yaml", "--rules", RepoPaths.Catalog, "--family", "tagging", "--skip-rule", "tagging-no-secrets-in-tags",
            "--format", "sarif", "--fail-on", "none");

        Assert.Equal(0, check.ExitCode);
        using var sarif = JsonDocument.Parse(check.Output);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var ruleIds = run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).Distinct().ToList();
        Assert.Contains("tagging-required-tags", ruleIds);
        Assert.All(ruleIds, id => Assert.StartsWith("tagging-", id));
        var notes = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray()
            .Select(n => n.GetProperty("message").GetProperty("text").GetString()).ToList();
        Assert.Contains("rule tagging-no-secrets-in-tags not run: --skip-rule tagging-no-secrets-in-tags", notes);
        Assert.Contains("rule iam-root-no-access-keys not run: --family tagging", notes);
    }
}
