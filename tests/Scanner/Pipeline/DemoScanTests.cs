using System.Text.Json;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

[Collection(DemoScanCollection.Name)]
public sealed class DemoScanTests(DemoScan demo)
{
    [Fact]
    public void TheDemoScanPrintsASummaryAndWritesTheThreeOutputs()
    {
        Assert.True(demo.Outcome.ExitCode == 0, demo.Outcome.Error);
        Assert.Contains("resources", demo.Outcome.Output);
        Assert.Contains("Failures:", demo.Outcome.Output);
        Assert.True(File.Exists(Path.Combine(demo.Output, "findings.json")));
        Assert.True(File.Exists(Path.Combine(demo.Output, "report.html")));
        foreach (var customer in new[] { "acme", "globex", "initech" })
        {
            Assert.True(File.Exists(Path.Combine(demo.Output, "customers", customer, "report.html")), customer);
        }
    }

    [Fact]
    public void EveryPlantedViolationIsFoundAndNothingElseFails()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Snapshot, "demo-manifest.json")));
        using var findings = demo.Findings();
        var planted = manifest.RootElement.GetProperty("violations").EnumerateArray()
            .Select(v => $"{v.GetProperty("ruleId").GetString()} {v.GetProperty("resourceArn").GetString()}")
            .ToHashSet();
        var failed = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("verdict").GetString() == "fail")
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("resourceArn").GetString()}")
            .ToHashSet();

        var missed = planted.Except(failed).Order().ToList();
        var unexpected = failed.Except(planted).Order().ToList();

        Assert.True(missed.Count == 0, $"recall below 100%: {missed.Count} of {planted.Count} missed, e.g. {string.Join("; ", missed.Take(5))}");
        Assert.True(unexpected.Count == 0, $"precision below 100%: {unexpected.Count} unexpected, e.g. {string.Join("; ", unexpected.Take(5))}");
    }

    [Fact]
    public void TheUnreachableAccountIsReportedAsNotCoveredNeverAsClean()
    {
        using var findings = demo.Findings();
        var gap = Assert.Single(findings.RootElement.GetProperty("coverage").GetProperty("gaps").EnumerateArray());
        var account = gap.GetProperty("accountId").GetString();

        var forAccount = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("accountId").GetString() == account)
            .ToList();

        Assert.NotEmpty(forAccount);
        Assert.All(forAccount, f => Assert.Equal("notAssessed", f.GetProperty("verdict").GetString()));
        Assert.Contains("sts:AssumeRole", demo.Outcome.Output);
    }

    [Fact]
    public void NoRuleErrorsOnTheDemoEstate()
    {
        using var findings = demo.Findings();

        var errors = findings.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("verdict").GetString() == "error")
            .Select(f => f.GetProperty("message").GetString())
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void ACustomersReportAndFindingsHoldNoAccountIdOfAnotherCustomer()
    {
        using var findings = demo.Findings();
        var estate = File.ReadAllText(Path.Combine(demo.Snapshot, "guardrails.yaml"));
        var accountsByCustomer = new[] { "acme", "globex", "initech" }.ToDictionary(
            c => c,
            c => demo.Findings(Path.Combine("customers", c, "findings.json")).RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => f.GetProperty("accountId").GetString()!).ToHashSet());
        foreach (var (customer, own) in accountsByCustomer)
        {
            var others = accountsByCustomer.Where(o => o.Key != customer).SelectMany(o => o.Value).ToHashSet();
            Assert.NotEmpty(others);
            foreach (var file in new[] { "report.html", "findings.json" })
            {
                var text = File.ReadAllText(Path.Combine(demo.Output, "customers", customer, file));
                Assert.All(others, account => Assert.DoesNotContain(account, text, StringComparison.Ordinal));
                Assert.All(accountsByCustomer.Keys.Where(k => k != customer), other => Assert.DoesNotContain($"\"{other}\"", text, StringComparison.Ordinal));
            }
        }
        Assert.Contains("acme", estate);
    }
}
