using System.Text.Json;
using System.Xml.Linq;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Scanner.Templates;

namespace Ocado.Guardrails.Tests.Scanner.Templates;

/// <summary>
/// What <c>guardrails check</c> could not assess says so in every format: the resources no rule judged
/// (SAM resources of a real SAM template) and the verdicts a rule gave as NotAssessed (a rule whose data is
/// missing), never as a pass, never as a failure, never left out.
/// </summary>
public sealed class NotAssessedInEveryFormatTests
{
    private static readonly string Data = Path.Combine(Support.RepoPaths.TestData, "cloudformation");

    /// <summary>A rule that cannot judge buckets, as a rule whose data was not collected.</summary>
    private const string Probe = """
        // id: tagging-bucket-probe
        // title: Buckets are probed
        // severity: high
        // resource-types: AWS::S3::Bucket
        // rationale: Stands for a rule whose data is missing.
        // remediation: Collect the data.

        return NotAssessed($"{Resource.DisplayName}: the probe's data was not collected");
        """;

    private static ScanResult Check()
    {
        var catalog = RuleCompiler.Compile([new RuleSource("rules-catalog/tagging/tagging-bucket-probe.csx", Probe)]);
        return new TemplateCheck(catalog, Estate.Empty, _ => RuleParams.Empty, TemplateChecks.Now).Run(
            [Path.Combine(Data, "cfn_nag/yaml/sam/serverless_rest_api_with_basepathmapping.yml"), Path.Combine(Data, "aws-cloudformation-templates/S3/s3-bucket-and-policy-for-caa-v1.yaml")],
            new TemplateContext());
    }

    private static readonly string[] SamFunctions =
        ["HelloWorldFunction", "FunctionWithExternalRole", "FunctionWithAdministratorAccessPolicy", "FunctionWithPowerUserPolicyAndPolicyTemplate", "FunctionWithInlineAdminPolicy"];

    [Fact]
    public void TheConsoleSaysWhatWasNotAssessedAndCountsItApart()
    {
        using var output = new StringWriter();

        CheckConsoleReport.Write(output, Check());

        var text = output.ToString();
        Assert.All(SamFunctions, id => Assert.Contains($"  not assessed  {id}: SAM resource", text, StringComparison.Ordinal));
        Assert.Contains("not assessed high     tagging-bucket-probe  Bucket", text, StringComparison.Ordinal);
        Assert.EndsWith("0 finding(s), 0 suppressed, 0 pass(es), 6 resource(s) not assessed, 1 verdict(s) not assessed, 0 unreadable" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonListsTheResourcesNotAssessedAndTheVerdictAsNotAssessed()
    {
        using var json = JsonDocument.Parse(TemplateChecks.Render(ReportFormat.Json, Check()));

        var ids = json.RootElement.GetProperty("notAssessed").EnumerateArray().Select(e => e.GetProperty("logicalId").GetString()).ToList();
        Assert.All(SamFunctions, id => Assert.Contains(id, ids));
        var probe = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal(("tagging-bucket-probe", "notAssessed"), (probe.GetProperty("ruleId").GetString(), probe.GetProperty("verdict").GetString()));
    }

    [Fact]
    public void SarifNotesTheResourcesNotAssessedAndGivesTheVerdictForReview()
    {
        using var sarif = JsonDocument.Parse(TemplateChecks.Render(ReportFormat.Sarif, Check()));

        var run = sarif.RootElement.GetProperty("runs")[0];
        var notes = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray()
            .Select(n => n.GetProperty("message").GetProperty("text").GetString()!).ToList();
        Assert.All(SamFunctions, id => Assert.Contains(notes, n => n.StartsWith($"{id} (AWS::Serverless::Function) not assessed: SAM resource", StringComparison.Ordinal)));
        var probe = Assert.Single(run.GetProperty("results").EnumerateArray().ToList());
        Assert.Equal(("review", "none"), (probe.GetProperty("kind").GetString(), probe.GetProperty("level").GetString()));
    }

    [Fact]
    public void JUnitSkipsWhatWasNotAssessedWithItsReasonAndFailsNothing()
    {
        var suites = XDocument.Parse(TemplateChecks.Render(ReportFormat.JUnit, Check())).Root!.Elements("testsuite").ToList();

        Assert.All(suites, s => Assert.Equal(0, (int)s.Attribute("failures")!));
        var cases = suites.SelectMany(s => s.Elements("testcase")).ToList();
        Assert.All(SamFunctions, id => Assert.StartsWith("SAM resource", (string?)cases.Single(c => (string?)c.Attribute("classname") == id).Element("skipped")!.Attribute("message"), StringComparison.Ordinal));
        var probe = cases.Single(c => (string?)c.Attribute("name") == "tagging-bucket-probe");
        Assert.Null(probe.Element("failure"));
        Assert.Equal("not assessed: Bucket: the probe's data was not collected", (string?)probe.Element("skipped")!.Attribute("message"));
    }
}
