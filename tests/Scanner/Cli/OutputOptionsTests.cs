using System.Text.Json;
using System.Xml.Linq;
using Ocado.Guardrails.Scanner;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Reports.Formats;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Cli;

/// <summary>--format writes several files in one scan, each customer's scoped to it; --status filters what they list, never the exit code.</summary>
public sealed class OutputOptionsTests
{
    private static readonly string[] EveryFile = ["findings.json", "report.html", "findings.csv", "findings.sarif", "findings.junit.xml", "findings.asff.json"];

    [Fact]
    public async Task AScanWritesEveryFormatAskedForIntoOutAndEachCustomersFolderAndEachParses()
    {
        using var estate = new TinyEstate().Compliant("kept").Untagged("loose").Write();
        var output = Path.Combine(estate.Directory, "out");

        var run = GuardrailsProcess.Run(estate.Directory,
            "scan", "--snapshot", estate.Directory, "--out", output, "--no-store", "--quiet", "--format", "json,sarif", "--format", "csv, junit,asff", "--format", "html");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        string[] folders = [output, Path.Combine(output, "customers", "acme"), Path.Combine(output, "customers", "globex")];
        foreach (var folder in folders)
        {
            foreach (var file in EveryFile)
            {
                var path = Path.Combine(folder, file);
                Assert.True(File.Exists(path), $"{path} was not written");
                Assert.Contains($"Wrote {path}", run.Output, StringComparison.Ordinal);
            }
            await AssertEachParsesAsync(folder);
        }
        // Each customer's files hold nothing of the other customer, in any format.
        foreach (var (customer, other) in new[] { ("acme", TinyEstate.OtherAccount), ("globex", TinyEstate.Account) })
        {
            foreach (var file in EveryFile)
            {
                var text = await File.ReadAllTextAsync(Path.Combine(output, "customers", customer, file), TestContext.Current.CancellationToken);
                Assert.False(text.Contains(other, StringComparison.Ordinal), $"customers/{customer}/{file} names account {other}");
            }
        }
        var acmeCsv = Csv.Read(Path.Combine(output, "customers", "acme", "findings.csv"));
        Assert.Contains(acmeCsv, row => row.Values.Any(v => v.Contains(TinyEstate.Arn("loose"), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WithoutFormatAScanWritesFindingsJsonAndTheHtmlReportOnly()
    {
        using var estate = new TinyEstate().Untagged("loose").Write();
        var output = Path.Combine(estate.Directory, "out");

        Assert.Equal(ExitCodes.Ok, await RunAsync(["scan", "--snapshot", estate.Directory, "--out", output, "--no-store", "--quiet"]));

        Assert.Equal(["findings.json", "report.html"], Directory.EnumerateFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["findings.json", "report.html"], Directory.EnumerateFiles(Path.Combine(output, "customers", "acme")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("scan --demo --format json,pdf", "unknown format 'pdf' for --format; use one or more of html, json, csv, sarif, junit, asff")]
    [InlineData("scan --demo --format sarif --format xlsx", "unknown format 'xlsx'")]
    [InlineData("scan --demo --status fail,broken", "unknown status 'broken' for --status; use one or more of pass, fail, skip, error, not-assessed, suppressed")]
    [InlineData("check t.yaml --status passed", "unknown status 'passed' for --status")]
    public async Task AnUnknownFormatOrStatusExitsTwoAndNamesTheValidOnes(string line, string says)
    {
        using var error = new StringWriter();

        var exit = await GuardrailsCommand.RunAsync(line.Split(' '), error);

        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(says, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPassWritesOnlyPassesToFindingsJsonAndSarifWhileTheExitCodeStillJudgesTheFailures()
    {
        using var estate = new TinyEstate().Compliant("kept").Untagged("loose").Write();
        var output = Path.Combine(estate.Directory, "out");

        var exit = await RunAsync(["scan", "--snapshot", estate.Directory, "--out", output, "--no-store", "--quiet", "--fail-on", "low", "--status", "pass", "--format", "json,sarif"]);

        Assert.Equal(ExitCodes.Findings, exit);
        var verdicts = Verdicts(output);
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal("pass", v));
        var kinds = SarifKinds(output);
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.Equal("pass", k));
    }

    [Fact]
    public async Task StatusFailWritesNoPassesEvenWithIncludePassesAndNoGapsResources()
    {
        using var estate = new TinyEstate().Compliant("kept").Untagged("loose").Write();
        var output = Path.Combine(estate.Directory, "out");
        var everything = Path.Combine(estate.Directory, "everything");
        string[] scan = ["scan", "--snapshot", estate.Directory, "--no-store", "--quiet", "--include-passes", "--format", "json,sarif"];

        Assert.Equal(ExitCodes.Ok, await RunAsync([.. scan, "--out", everything]));
        Assert.Equal(ExitCodes.Ok, await RunAsync([.. scan, "--out", output, "--status", "fail"]));

        Assert.Contains("pass", Verdicts(everything));
        Assert.Contains("notAssessed", Verdicts(everything));
        Assert.Equal(Verdicts(everything).Where(v => v == "fail"), Verdicts(output));
        Assert.NotEmpty(Verdicts(output));
        Assert.All(SarifKinds(output), k => Assert.Equal("fail", k));
        Assert.Equal(Verdicts(everything).Count(v => v == "fail"), SarifKinds(output).Count);
    }

    [Fact]
    public async Task CheckStatusFiltersItsSarifButNotItsExitCode()
    {
        using var directory = new TemporaryDirectory();
        var template = Path.Combine(RepoPaths.TestData, "cloudformation", "cfn_nag", "json", "sns_topic_policy", "sns_topic_with_wildcard_principal.json");
        var sarif = Path.Combine(directory.Path, "check.sarif");

        var exit = await RunAsync(["check", template, "--format", "sarif", "--output", sarif, "--fail-on", "critical", "--status", "pass", "--rules", RepoPaths.Catalog]);

        Assert.Equal(ExitCodes.Findings, exit);
        using var log = JsonDocument.Parse(await File.ReadAllTextAsync(sarif, TestContext.Current.CancellationToken));
        var kinds = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.Equal("pass", k));
    }

    private static async Task AssertEachParsesAsync(string folder)
    {
        var token = TestContext.Current.CancellationToken;
        using (JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "findings.json"), token)))
        {
        }
        Assert.Empty(JsonSchemas.Errors(JsonSchemas.Sarif, await File.ReadAllTextAsync(Path.Combine(folder, "findings.sarif"), token)));
        Assert.Empty(JsonSchemas.Errors(JsonSchemas.Asff, await File.ReadAllTextAsync(Path.Combine(folder, "findings.asff.json"), token)));
        Assert.Equal("testsuites", XDocument.Load(Path.Combine(folder, "findings.junit.xml")).Root!.Name.LocalName);
        Assert.NotEmpty(Csv.Read(Path.Combine(folder, "findings.csv")));
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), token), StringComparison.OrdinalIgnoreCase);
    }

    private static List<string> Verdicts(string output)
    {
        using var findings = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.json")));
        return [.. findings.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("verdict").GetString()!)];
    }

    private static List<string> SarifKinds(string output)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "findings.sarif")));
        return [.. log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("kind").GetString()!)];
    }

    private static Task<int> RunAsync(string[] args) => GuardrailsCommand.RunAsync(args, TextWriter.Null);
}
