using System.CommandLine;
using System.Text.Json;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Scanner.Cli;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary><c>guardrails report</c>: a findings.json rendered again in every format, for the estate or one customer.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string FindingsFile()
    {
        var path = Path.Combine(_directory.Path, "findings.json");
        var result = new ScanBuilder()
            .WithFinding("tagging-required-tags", arn: "arn:aws:sqs:eu-west-1:111111111111:acme-orders", message: "acme-orders is missing owner; globex asked for it")
            .WithFinding("tagging-required-tags", Verdict.Error, accountId: ScanBuilder.GlobexAccount, arn: "arn:aws:sqs:eu-west-1:333333333333:globex-ledger")
            .Build();
        File.WriteAllText(path, FindingsJson.ToJson(result));
        return path;
    }

    private string ConfigFile()
    {
        var path = Path.Combine(_directory.Path, "guardrails.yaml");
        File.WriteAllText(path, """
            estate:
              customers:
                - id: acme
                  name: Acme Foods
                  accounts: ["111111111111", "222222222222"]
                - id: globex
                  name: Globex Corporation
                  accounts: ["333333333333"]
              platform:
                accounts: ["999999999999"]
              regions: [eu-west-1]
            """);
        return path;
    }

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var error = new StringWriter();
        var parse = new RootCommand { ReportCommand.Create() }.Parse(["report", .. args]);
        Assert.Empty(parse.Errors);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Error = error, Output = new StringWriter() }, TestContext.Current.CancellationToken);
        return (exit, error.ToString());
    }

    [Theory]
    [InlineData("html", "<!DOCTYPE html>")]
    [InlineData("json", "\"findings\"")]
    [InlineData("csv", "ruleId,ruleTitle,")]
    [InlineData("sarif", "\"version\": \"2.1.0\"")]
    [InlineData("junit", "<testsuites>")]
    [InlineData("asff", "\"SchemaVersion\": \"2018-10-08\"")]
    public async Task EachFormatIsRenderedFromAFindingsJson(string format, string marker)
    {
        var output = Path.Combine(_directory.Path, "out", "report." + format);

        var (exit, _) = await RunAsync("--from", FindingsFile(), "--format", format, "--out", output, "--rules", RepoPaths.Catalog);

        Assert.Equal(0, exit);
        Assert.Contains(marker, File.ReadAllText(output));
    }

    [Fact]
    public async Task RuleHeadersComeFromTheCatalogWithoutCompilingIt()
    {
        var output = Path.Combine(_directory.Path, "findings.sarif");

        await RunAsync("--from", FindingsFile(), "--format", "sarif", "--out", output, "--rules", RepoPaths.Catalog);

        var rules = JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var rule = rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "tagging-required-tags");
        Assert.NotEqual("tagging-required-tags", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.True(rule.TryGetProperty("help", out _));
    }

    [Fact]
    public async Task ACustomersReportHoldsThatCustomerOnlyWithOthersRedacted()
    {
        var output = Path.Combine(_directory.Path, "acme.html");

        var (exit, _) = await RunAsync("--from", FindingsFile(), "--format", "html", "--out", output, "--customer", "acme", "--config", ConfigFile());

        Assert.Equal(0, exit);
        var page = File.ReadAllText(output);
        var html = ReportHtml.Readable(page);
        Assert.Contains("<title>Acme Foods</title>", html);
        var data = ReportHtml.Data(page);
        Assert.Equal(1, data.Count);
        Assert.Equal("acme-orders is missing owner; [another customer] asked for it", data.Message(0));
        Assert.DoesNotContain(ScanBuilder.GlobexAccount, html);
        Assert.DoesNotContain("globex", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ACustomerWithoutTheEstateIsRefusedSinceOtherNamesCouldNotBeRedacted()
    {
        var error = new StringWriter();

        var exit = await ReportCommand.RunAsync(
            new ReportCommand.Request(FindingsFile(), "html", null, "acme", null, [], null, null), new StringWriter(), error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains("--customer needs --config", error.ToString());
    }

    [Fact]
    public async Task AnUnreadableFindingsFileExitsTwoNamingTheFile()
    {
        var broken = Path.Combine(_directory.Path, "broken.json");
        File.WriteAllText(broken, """{ "scan": { "id": "x" } }""");
        var error = new StringWriter();

        var exit = await ReportCommand.RunAsync(new ReportCommand.Request(broken, "csv", null, null, null, [], null, null), new StringWriter(), error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains($"cannot read {broken}", error.ToString());
    }

    [Fact]
    public async Task WithoutOutAFormatIsWrittenToStandardOutput()
    {
        var output = new StringWriter();

        var exit = await ReportCommand.RunAsync(new ReportCommand.Request(FindingsFile(), "csv", null, null, null, [RepoPaths.Catalog], null, null), output, new StringWriter(), TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(3, output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public void Dispose() => _directory.Dispose();
}
