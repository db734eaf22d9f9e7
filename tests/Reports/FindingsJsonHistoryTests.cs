using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>A finding's history status, first-seen time, tags and evidence, and a scan's trend, through findings.json and a customer's scope.</summary>
public sealed class FindingsJsonHistoryTests
{
    private static ScanResult WithHistory() => new ScanBuilder()
        .WithFinding("segregation-bucket-policy-no-foreign-customer", arn: "arn:aws:s3:::acme-orders", type: "AWS::S3::Bucket",
            status: FindingStatus.New, firstSeen: ScanBuilder.FinishedAt,
            tags: new Dictionary<string, string> { ["owner"] = "ops@acme.example", ["shared-with"] = "Globex Corporation" },
            evidence: """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"s3:*"}""")
        .WithFinding("tagging-required-tags", accountId: ScanBuilder.GlobexAccount, status: FindingStatus.Open)
        .WithTrendPoint(4, 30, 2, 1)
        .WithTrendPoint(1, 33, 5, 1)
        .Build();

    private static FindingsFile RoundTrip(ScanResult result) =>
        FindingsJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(FindingsJson.ToJson(result))));

    [Fact]
    public void StatusFirstSeenTagsEvidenceAndTrendSurviveFindingsJson()
    {
        var read = RoundTrip(WithHistory());

        var finding = read.Findings[0];
        Assert.Equal(FindingStatus.New, finding.Status);
        Assert.Equal(ScanBuilder.FinishedAt, finding.FirstSeen);
        Assert.Equal("ops@acme.example", finding.Tags!["owner"]);
        Assert.StartsWith("{\"Effect\":\"Allow\"", finding.Evidence);
        Assert.Equal(FindingStatus.Open, read.Findings[1].Status);
        Assert.Equal([4, 1], read.Trend.Select(p => p.New));
        Assert.Equal(read.Trend, read.ToScanResult([], Estate.Empty).Trend);
    }

    [Fact]
    public void AFindingWithoutHistoryIsWrittenExactlyAsBefore()
    {
        var json = JsonDocument.Parse(FindingsJson.ToJson(new ScanBuilder().WithFinding().Build())).RootElement;

        Assert.False(json.TryGetProperty("trend", out _));
        Assert.Equal(
            ["ruleId", "family", "severity", "verdict", "resourceArn", "resourceType", "accountId", "region", "customer", "message"],
            json.GetProperty("findings")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void AnUnknownStatusIsAnErrorNotADefault()
    {
        var json = FindingsJson.ToJson(WithHistory()).Replace("\"status\": \"new\"", "\"status\": \"reopened\"", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => FindingsJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void ACustomersScopeRedactsEvidenceAndTagsAndDropsTheEstatesTrend()
    {
        var scoped = CustomerScope.For(WithHistory(), "acme");

        var finding = Assert.Single(scoped.Findings);
        Assert.Contains("arn:aws:iam::[another customer's account]:root", finding.Evidence);
        Assert.Equal("[another customer]", finding.Tags!["shared-with"]);
        Assert.Empty(scoped.Trend);
    }
}
