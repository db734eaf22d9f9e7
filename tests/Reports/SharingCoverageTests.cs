using System.Text.Json;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Reports;

public sealed partial class SharingCoverageTests
{
    private static readonly IReadOnlyList<RuleHeader> Catalog = [.. RuleCatalogFiles.Sources([RepoPaths.Catalog])
        .Select(source => RuleHeaderParser.Parse(source).Header!)];

    [Fact]
    public async Task TheCoverageSectionListsEveryWayOfSharingTheScanDidNotCheck()
    {
        var result = new ScanBuilder().Build() with { Rules = Catalog };
        var notChecked = SharingCheck.For(Catalog).Where(c => !c.Checked).ToList();

        var html = await ReportHtml.RenderAsync(result);

        var table = NotCheckedTable().Match(html);
        Assert.Contains($"How each of the {SharingTypes.All.Count} ways of sharing is checked", html);
        if (notChecked.Count == 0)
        {
            // Every way is collected and judged: the section says so by listing none as not checked.
            Assert.False(table.Success, "a table of ways not checked when every way was checked");
            return;
        }
        Assert.True(table.Success, "the coverage section has no table of ways of sharing not checked");
        Assert.Contains($"Ways of sharing not checked: {notChecked.Count} of {SharingTypes.All.Count}", html);
        Assert.DoesNotContain("DynamoDB table resource policies", table.Value);
        Assert.DoesNotContain("DynamoDB stream resource policies", table.Value);
        Assert.All(notChecked, c => Assert.Contains(c.Type.Name, table.Value));
        Assert.DoesNotContain("S3 bucket policies", table.Value);
        Assert.DoesNotContain("CloudWatch Logs resource policies", table.Value);
    }

    [Fact]
    public async Task AWayWhoseRuleWasTurnedOffIsNotChecked()
    {
        var result = new ScanBuilder().Build() with { Rules = [.. Catalog.Where(r => r.Id != "segregation-rest-api-policy-no-foreign-access")] };

        var table = NotCheckedTable().Match(await ReportHtml.RenderAsync(result)).Value;

        Assert.Contains("API Gateway REST API resource policies", table);
        Assert.Contains("segregation-rest-api-policy-no-foreign-access did not run in this scan", table);
    }

    [Fact]
    public async Task ACheckOfTemplatesSaysNothingAboutSharing()
    {
        var result = new ScanBuilder().Build() with { Rules = Catalog, SourceFiles = ["template.yaml"] };

        var html = await ReportHtml.RenderAsync(result);
        using var json = JsonDocument.Parse(FindingsJson.ToJson(result));

        Assert.DoesNotContain("sharing-coverage", html);
        Assert.False(json.RootElement.GetProperty("coverage").TryGetProperty("sharing", out _));
    }

    [Fact]
    public void FindingsJsonCarriesEveryWayOfSharingAndIsStillReadBack()
    {
        var result = new ScanBuilder().Build() with { Rules = Catalog };

        var text = FindingsJson.ToJson(result);
        using var json = JsonDocument.Parse(text);
        var sharing = json.RootElement.GetProperty("coverage").GetProperty("sharing").EnumerateArray().ToList();

        Assert.Equal(SharingTypes.All.Select(t => t.Name), sharing.Select(s => s.GetProperty("name").GetString()));
        var streams = sharing.Single(s => s.GetProperty("name").GetString() == "DynamoDB stream resource policies");
        Assert.True(streams.GetProperty("checked").GetBoolean());
        Assert.Equal("segregation-dynamodb-policy-no-foreign-access", streams.GetProperty("ruleId").GetString());
        Assert.Equal("AWS::DynamoDB::Stream", streams.GetProperty("resourceType").GetString());
        var vaults = sharing.Single(s => s.GetProperty("resourceType").GetString() == "AWS::Backup::BackupVault");
        Assert.True(vaults.GetProperty("checked").GetBoolean());
        Assert.Equal("segregation-backup-vault-policy-no-foreign-access", vaults.GetProperty("ruleId").GetString());
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(result.ScanId, FindingsJson.Read(stream).ScanId);
    }

    [GeneratedRegex("""id="sharing-not-checked".*?</table>""", RegexOptions.Singleline)]
    private static partial Regex NotCheckedTable();
}
