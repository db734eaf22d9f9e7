using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Tests.Reports;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Scanner.Pipeline;

/// <summary>
/// A scan with the findings store on (the default) writes each Fail's evidence, read back from the store:
/// the statement at fault as written with its index and Sid, and the tags compared with secrets masked,
/// in findings.json and in the report's resource panel.
/// </summary>
public sealed class FindingEvidenceTests
{
    private const string GitHubToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    private static readonly JsonNode Globex = JsonNode.Parse(
        """{"Sid":"Globex","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}""")!;

    [Fact]
    public void WithTheStoreOnFindingsJsonAndTheReportCarryTheStatementAtFaultAndMaskedTagEvidence()
    {
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                JsonNode.Parse("""{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::shared/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"""),
                JsonNode.Parse("""{"Sid":"Own","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}"""),
                Globex.DeepClone()),
        };
        using var estate = new TinyEstate().Compliant("shared").Policy("shared", policy.ToJsonString()).Bucket("leaky", new()
        {
            ["owner"] = GitHubToken, ["customer"] = "acme", ["environment"] = "production", ["cost-centre"] = "CC-1234",
        }).Write();
        var output = Path.Combine(estate.Directory, "out");

        var scan = GuardrailsProcess.Run(estate.Directory, "scan", "--snapshot", estate.Directory, "--out", output,
            "--store", Path.Combine(estate.Directory, "history.db"), "--quiet");

        Assert.True(scan.ExitCode is 0 or 1, scan.Output + scan.Error);
        var findingsText = File.ReadAllText(Path.Combine(output, "findings.json"));
        Assert.DoesNotContain(GitHubToken, findingsText, StringComparison.Ordinal);
        var findings = JsonDocument.Parse(findingsText).RootElement.GetProperty("findings").EnumerateArray().ToList();
        // Read back from the store: every Fail has its history status.
        Assert.All(findings.Where(f => f.GetProperty("verdict").GetString() == "fail"), f => Assert.True(f.TryGetProperty("status", out _), f.GetRawText()));

        var open = Evidence(Single(findings, "segregation-bucket-policy-no-foreign-access", "arn:aws:s3:::shared"));
        var statement = Assert.Single(open.GetProperty("statements").EnumerateArray().ToList());
        Assert.Equal(2, statement.GetProperty("index").GetInt32());
        Assert.Equal("Globex", statement.GetProperty("sid").GetString());
        Assert.True(JsonNode.DeepEquals(Globex, JsonNode.Parse(statement.GetProperty("statement").GetRawText())), statement.GetRawText());

        var owner = Evidence(Single(findings, "tagging-owner-is-email", "arn:aws:s3:::leaky")).GetProperty("tags").GetProperty("owner").GetString();
        Assert.StartsWith("••••••", owner, StringComparison.Ordinal);

        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.DoesNotContain(GitHubToken, ReportHtml.Readable(html), StringComparison.Ordinal);
        var data = ReportHtml.Data(html);
        var leaky = Enumerable.Range(0, data.Count).Where(r => data.Arn(r) == "arn:aws:s3:::leaky").Select(data.Evidence).OfType<string>().ToList();
        Assert.Contains(leaky, e => e.Contains("\"owner\": \"••••••", StringComparison.Ordinal));
        var shared = Enumerable.Range(0, data.Count).Where(r => data.Arn(r) == "arn:aws:s3:::shared").Select(data.Evidence).OfType<string>().ToList();
        Assert.Contains(shared, e => e.Contains("\"sid\": \"Globex\"", StringComparison.Ordinal));
    }

    private static JsonElement Single(List<JsonElement> findings, string ruleId, string arn) =>
        Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == ruleId && f.GetProperty("resourceArn").GetString() == arn);

    private static JsonElement Evidence(JsonElement finding) => JsonDocument.Parse(finding.GetProperty("evidence").GetString()!).RootElement;
}
