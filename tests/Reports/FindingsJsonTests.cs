using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Tests.Reports;

public sealed class FindingsJsonTests
{
    private static JsonElement Parse(ScanBuilder builder) => JsonDocument.Parse(FindingsJson.ToJson(builder.Build())).RootElement;

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void TheFileHoldsScanSummaryCoverageAndFindingsAndNothingElse()
    {
        var root = Parse(new ScanBuilder().WithFinding());

        Assert.Equal(["scan", "summary", "coverage", "findings"], Names(root));
    }

    [Fact]
    public void TheScanSectionCarriesItsIdAndBothTimesInIso8601()
    {
        var scan = Parse(new ScanBuilder()).GetProperty("scan");

        Assert.Equal(["id", "startedAt", "finishedAt"], Names(scan));
        Assert.Equal("scan-2025-06-01", scan.GetProperty("id").GetString());
        Assert.Equal("2025-06-01T02:00:00+00:00", scan.GetProperty("startedAt").GetString());
        Assert.Equal("2025-06-01T02:07:30+00:00", scan.GetProperty("finishedAt").GetString());
    }

    [Fact]
    public void TheSummaryCountsResourcesAndEachFamilysVerdictsUnderCamelCaseNames()
    {
        var summary = Parse(new ScanBuilder()
            .WithFinding("tagging-required-tags", Verdict.Fail)
            .WithFinding("tagging-required-tags", Verdict.NotAssessed)
            .WithFinding("iam-policy-no-admin-wildcard", Verdict.Suppressed)
            .WithPasses("tagging", 5)).GetProperty("summary");

        Assert.Equal(["resources", "evaluations"], Names(summary));
        Assert.Equal(8, summary.GetProperty("resources").GetInt32());
        var tagging = summary.GetProperty("evaluations").GetProperty("tagging");
        Assert.Equal(["pass", "fail", "error", "skip", "notAssessed", "suppressed"], Names(tagging));
        Assert.Equal(5, tagging.GetProperty("pass").GetInt32());
        Assert.Equal(1, tagging.GetProperty("fail").GetInt32());
        Assert.Equal(0, tagging.GetProperty("error").GetInt32());
        Assert.Equal(0, tagging.GetProperty("skip").GetInt32());
        Assert.Equal(1, tagging.GetProperty("notAssessed").GetInt32());
        Assert.Equal(0, tagging.GetProperty("suppressed").GetInt32());
        Assert.Equal(1, summary.GetProperty("evaluations").GetProperty("iam").GetProperty("suppressed").GetInt32());
    }

    [Fact]
    public void ACoverageGapCarriesAccountRegionSourceAndReasonAndAnAccountWideGapHasANullRegion()
    {
        var gaps = Parse(new ScanBuilder()
            .WithGap(ScanBuilder.AcmeAccount, "us-east-1", "servicequotas", "Throttling")
            .WithGap(ScanBuilder.GlobexAccount, null, "sts:AssumeRole", "AccessDenied")).GetProperty("coverage").GetProperty("gaps");

        Assert.Equal(2, gaps.GetArrayLength());
        var regional = gaps[0];
        Assert.Equal(["accountId", "region", "source", "reason"], Names(regional));
        Assert.Equal(ScanBuilder.AcmeAccount, regional.GetProperty("accountId").GetString());
        Assert.Equal("us-east-1", regional.GetProperty("region").GetString());
        Assert.Equal("servicequotas", regional.GetProperty("source").GetString());
        Assert.Equal("Throttling", regional.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, gaps[1].GetProperty("region").ValueKind);
    }

    [Fact]
    public void AFindingCarriesEveryFieldWithVerdictAndSeverityAsCamelCaseStrings()
    {
        var finding = Parse(new ScanBuilder()
            .WithRule("iam-policy-no-admin-wildcard", Severity.Critical)
            .WithFinding("iam-policy-no-admin-wildcard", Verdict.NotAssessed, arn: "arn:aws:iam::111111111111:role/admin",
                message: "not assessed: iam could not be collected", region: "global", type: "AWS::IAM::Role"))
            .GetProperty("findings")[0];

        Assert.Equal(
            ["ruleId", "family", "severity", "verdict", "resourceArn", "resourceType", "accountId", "region", "customer", "message"],
            Names(finding));
        Assert.Equal("iam-policy-no-admin-wildcard", finding.GetProperty("ruleId").GetString());
        Assert.Equal("iam", finding.GetProperty("family").GetString());
        Assert.Equal("critical", finding.GetProperty("severity").GetString());
        Assert.Equal("notAssessed", finding.GetProperty("verdict").GetString());
        Assert.Equal("arn:aws:iam::111111111111:role/admin", finding.GetProperty("resourceArn").GetString());
        Assert.Equal("AWS::IAM::Role", finding.GetProperty("resourceType").GetString());
        Assert.Equal(ScanBuilder.AcmeAccount, finding.GetProperty("accountId").GetString());
        Assert.Equal("global", finding.GetProperty("region").GetString());
        Assert.Equal("acme", finding.GetProperty("customer").GetString());
        Assert.Equal("not assessed: iam could not be collected", finding.GetProperty("message").GetString());
    }

    [Fact]
    public void EveryVerdictAndSeverityIsWrittenInLowerCamelCase()
    {
        var builder = new ScanBuilder();
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            builder.WithFinding(verdict: verdict, severity: (Severity)((int)verdict % 5));
        }

        var findings = Parse(builder).GetProperty("findings").EnumerateArray().ToList();

        Assert.Equal(["pass", "fail", "skip", "error", "notAssessed", "suppressed"], findings.Select(f => f.GetProperty("verdict").GetString()));
        Assert.Equal(["info", "low", "medium", "high", "critical", "info"], findings.Select(f => f.GetProperty("severity").GetString()));
    }

    [Fact]
    public void AFindingOfAPlatformAccountHasANullCustomer()
    {
        var finding = Parse(new ScanBuilder().WithFinding(accountId: ScanBuilder.PlatformAccount)).GetProperty("findings")[0];

        Assert.Equal(JsonValueKind.Null, finding.GetProperty("customer").ValueKind);
    }

    [Fact]
    public void WhatIsWrittenReadsBackAsTheSameScan()
    {
        var result = new ScanBuilder()
            .WithFinding(message: "tag owner is \"<img src=x onerror=alert(1)>\" & more")
            .WithFinding("iam-policy-no-admin-wildcard", Verdict.Error, accountId: ScanBuilder.PlatformAccount)
            .WithGap(ScanBuilder.GlobexAccount, null)
            .WithPasses("quotas", 3)
            .Build();
        using var stream = new MemoryStream();
        FindingsJson.Write(stream, result);
        stream.Position = 0;

        var file = FindingsJson.Read(stream);

        Assert.Equal(result.ScanId, file.ScanId);
        Assert.Equal(result.StartedAt, file.StartedAt);
        Assert.Equal(result.FinishedAt, file.FinishedAt);
        Assert.Equal(result.Resources, file.Resources);
        Assert.Equal(result.Findings, file.Findings);
        Assert.Equal(result.Gaps, file.Gaps);
        Assert.Equal(3, file.Evaluations["quotas"].Pass);
        Assert.Equal(1, file.Evaluations["tagging"].Fail);
        Assert.Equal(result.Findings, file.ToScanResult(result.Rules, result.Estate).Findings);
    }

    [Fact]
    public void WritingToAStreamGivesTheSameTextAsToJson()
    {
        var result = new ScanBuilder().WithFinding().WithGap(ScanBuilder.AcmeAccount, "eu-west-1").Build();
        using var stream = new MemoryStream();

        FindingsJson.Write(stream, result);

        Assert.Equal(FindingsJson.ToJson(result), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void ALargeScanReachesTheStreamInManyWritesNotOneBuffer()
    {
        var builder = new ScanBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            builder.WithFinding();
        }
        using var stream = new CountingStream();

        FindingsJson.Write(stream, builder.Build());

        Assert.True(stream.Writes > 10, $"{stream.Writes} writes");
    }

    [Fact]
    public void ReadingAFileWithAnUnknownVerdictFails()
    {
        var json = FindingsJson.ToJson(new ScanBuilder().WithFinding().Build()).Replace("\"fail\"", "\"broken\"", StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => FindingsJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void ReadingAFileWithoutItsFindingsFails()
    {
        const string json = """{ "scan": { "id": "x", "startedAt": "2025-01-01T00:00:00Z", "finishedAt": "2025-01-01T00:00:00Z" }, "summary": { "resources": 0, "evaluations": {} }, "coverage": { "gaps": [] } }""";

        Assert.ThrowsAny<JsonException>(() => FindingsJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }
    }
}
