using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Reports.Formats;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports.Formats;

public sealed class SarifReportTests
{
    private static async Task<string> SarifAsync(ScanResult result) =>
        await ReportFormats.ToStringAsync(ReportFormat.Sarif, result, new ReportOptions(), TestContext.Current.CancellationToken);

    private static JsonElement Run(string sarif) => JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0];

    [Fact]
    public async Task TheSarifLogIsValidAgainstTheSarif210Schema()
    {
        var sarif = await SarifAsync(FormatScans.Mixed());

        Assert.Empty(JsonSchemas.Errors(JsonSchemas.Sarif, sarif));
    }

    [Fact]
    public async Task TheSchemaCheckRefusesALogWithoutItsVersionOrWithAnUnknownLevel()
    {
        var log = JsonNode.Parse(await SarifAsync(FormatScans.Mixed()))!;
        log.AsObject().Remove("version");
        log["runs"]![0]!["results"]![0]!["level"] = "fatal";

        var errors = JsonSchemas.Errors(JsonSchemas.Sarif, log.ToJsonString());

        Assert.Contains(errors, e => e.Contains("version", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/runs/0/results/0/level", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachRuleCarriesItsTitleRationaleRemediationSecuritySeverityAndTags()
    {
        var rules = Run(await SarifAsync(FormatScans.Mixed())).GetProperty("tool").GetProperty("driver").GetProperty("rules");

        var admin = rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == FormatScans.AdminRule);
        Assert.Equal("IAM policies grant no admin wildcard", admin.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("A wildcard grants every action.", admin.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal("Replace \"*\" with the actions the role needs.", admin.GetProperty("help").GetProperty("text").GetString());
        Assert.Equal("9.5", admin.GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.Equal(["security", "iam", "CIS AWS 1.16"], admin.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var unknown = rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == FormatScans.UnknownRule);
        Assert.Equal(FormatScans.UnknownRule, unknown.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("3.0", unknown.GetProperty("properties").GetProperty("security-severity").GetString());
    }

    [Fact]
    public async Task ResultsHaveALevelBySeverityAndALogicalLocationNamedByTheArn()
    {
        var run = Run(await SarifAsync(FormatScans.Mixed()));
        var results = run.GetProperty("results").EnumerateArray().ToList();
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules");

        var failing = results[0];
        Assert.Equal("error", failing.GetProperty("level").GetString());
        Assert.Equal("fail", failing.GetProperty("kind").GetString());
        Assert.Equal("role ops allows \"*\" on \"*\"", failing.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(FormatScans.AdminRule, rules[failing.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        var location = failing.GetProperty("locations")[0].GetProperty("logicalLocations")[0];
        Assert.Equal("arn:aws:iam::111111111111:role/ops", location.GetProperty("fullyQualifiedName").GetString());
        Assert.Equal("ops", location.GetProperty("name").GetString());
        Assert.Equal("new", failing.GetProperty("baselineState").GetString());
        Assert.Equal(["fail", "fail", "review", "fail", "review", "pass", "fail"], results.Select(r => r.GetProperty("kind").GetString()));
        Assert.Equal(["error", "error", "none", "warning", "none", "none", "note"], results.Select(r => r.GetProperty("level").GetString()));
        var suppression = results[1].GetProperty("suppressions")[0];
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.Equal("accepted", suppression.GetProperty("status").GetString());
    }

    [Fact]
    public async Task PartialFingerprintsAreStablePerRuleAndArnWhateverTheMessage()
    {
        var first = Run(await SarifAsync(FormatScans.Mixed())).GetProperty("results");
        var reworded = FormatScans.Mixed() is var scan ? scan with { Findings = [.. scan.Findings.Select(f => f with { Message = "reworded" })] } : null;
        var second = Run(await SarifAsync(reworded!)).GetProperty("results");

        string Fingerprint(JsonElement results, int i) => results[i].GetProperty("partialFingerprints").GetProperty("guardrailsFinding/v1").GetString()!;
        Assert.Equal(Fingerprint(first, 0), Fingerprint(second, 0));
        Assert.NotEqual(Fingerprint(first, 0), Fingerprint(first, 1));
        Assert.Matches("^[0-9a-f]{64}$", Fingerprint(first, 0));
    }
}
