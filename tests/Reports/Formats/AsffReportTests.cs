using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Reports.Formats;

namespace Ocado.Guardrails.Tests.Reports.Formats;

public sealed class AsffReportTests
{
    private static async Task<string> AsffAsync(ReportOptions? options = null) =>
        await ReportFormats.ToStringAsync(ReportFormat.Asff, FormatScans.Mixed(), options ?? new ReportOptions(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task EveryFindingHasTheFieldsBatchImportFindingsRequires()
    {
        Assert.Empty(JsonSchemas.Errors(JsonSchemas.Asff, await AsffAsync()));
    }

    [Fact]
    public async Task TheRequiredFieldsCheckRefusesAFindingWithoutATitleOrWithABadSeverity()
    {
        var findings = JsonNode.Parse(await AsffAsync())!.AsArray();
        findings[0]!.AsObject().Remove("Title");
        findings[1]!["Severity"]!["Label"] = "SEVERE";

        var errors = JsonSchemas.Errors(JsonSchemas.Asff, findings.ToJsonString());

        Assert.Contains(errors, e => e.Contains("/0", StringComparison.Ordinal) && e.Contains("Title", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/1/Severity/Label", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFindingNamesItsAccountsProductRuleResourceAndCompliance()
    {
        var findings = JsonDocument.Parse(await AsffAsync()).RootElement;
        var first = findings[0];

        Assert.Equal("2018-10-08", first.GetProperty("SchemaVersion").GetString());
        Assert.Equal("guardrails/iam-policy-no-admin-wildcard/arn:aws:iam::111111111111:role/ops", first.GetProperty("Id").GetString());
        Assert.Equal("arn:aws:securityhub:eu-west-1:111111111111:product/111111111111/default", first.GetProperty("ProductArn").GetString());
        Assert.Equal("iam-policy-no-admin-wildcard", first.GetProperty("GeneratorId").GetString());
        Assert.Equal("111111111111", first.GetProperty("AwsAccountId").GetString());
        Assert.Equal("CRITICAL", first.GetProperty("Severity").GetProperty("Label").GetString());
        Assert.Equal("IAM policies grant no admin wildcard", first.GetProperty("Title").GetString());
        var resource = first.GetProperty("Resources")[0];
        Assert.Equal("AwsIamRole", resource.GetProperty("Type").GetString());
        Assert.Equal("arn:aws:iam::111111111111:role/ops", resource.GetProperty("Id").GetString());
        Assert.Equal("eu-west-1", resource.GetProperty("Region").GetString());
        Assert.Equal("ops", resource.GetProperty("Tags").GetProperty("team").GetString());
        Assert.Equal(["FAILED", "FAILED", "WARNING", "FAILED", "NOT_AVAILABLE", "PASSED", "FAILED"],
            findings.EnumerateArray().Select(f => f.GetProperty("Compliance").GetProperty("Status").GetString()));
        Assert.Equal(["NEW", "SUPPRESSED", "NEW", "NEW", "NEW", "RESOLVED", "NEW"],
            findings.EnumerateArray().Select(f => f.GetProperty("Workflow").GetProperty("Status").GetString()));
        Assert.Equal("Other", findings[6].GetProperty("Resources")[0].GetProperty("Type").GetString());
    }

    [Fact]
    public async Task GlobalResourcesAreImportedIntoTheHomeRegion()
    {
        var first = JsonDocument.Parse(await AsffAsync(new ReportOptions { HomeRegion = "eu-central-1" })).RootElement[0];

        Assert.StartsWith("arn:aws:securityhub:eu-central-1:", first.GetProperty("ProductArn").GetString());
        Assert.Equal("eu-central-1", first.GetProperty("Resources")[0].GetProperty("Region").GetString());
    }

    [Fact]
    public void AnIdTooLongForSecurityHubIsHashedAndKeptUnique()
    {
        var arn = "arn:aws:s3:::" + new string('b', 600);

        var id = Ocado.Guardrails.Reports.Formats.AsffReportWriter.Id("tagging-required-tags", arn);

        Assert.True(id.Length <= 512);
        Assert.NotEqual(id, Ocado.Guardrails.Reports.Formats.AsffReportWriter.Id("tagging-required-tags", arn + "c"));
    }
}
