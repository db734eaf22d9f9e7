using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Ocado.Guardrails.Reports;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Pipeline;
using Ocado.Guardrails.Scanner.Store;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Rules.Waivers;

/// <summary>Waivers through a whole scan recorded in the store, with the scan's clock injected.</summary>
public sealed class WaiverScanTests
{
    private const string Waivers = """
        waivers:
          - rule: tagging-required-tags
            resource: "arn:aws:s3:::legacy-*"
            reason: Legacy buckets, deleted with the old platform
            owner: platform@acme.example
            expires: 2026-12-31
          - rule: tagging-required-tags
            account: "111111111111"
            resource: "arn:aws:s3:::gone-*"
            reason: Buckets of a project that ended
            owner: data@acme.example
            expires: 2027-06-30
        """;

    private static async Task<ScanResult> ScanAsync(TinyEstate estate, string storePath, TimeProvider time)
    {
        var config = GuardrailsConfig.Load(estate.ConfigPath);
        var options = new ScanOptions { SnapshotDirectory = estate.Directory, ConfigPath = estate.ConfigPath, OutputDirectory = estate.Directory, RulePaths = [] };
        var pipeline = new ScanPipeline(config, Support.Catalog.Rules, time, ScanProgress.Silent);
        var evaluated = await pipeline.EvaluateAsync(options, TestContext.Current.CancellationToken);
        return await pipeline.RecordAsync(new SqliteFindingsStore(storePath), evaluated, null, TestContext.Current.CancellationToken);
    }

    private static Finding Required(ScanResult result, string bucket) =>
        Assert.Single(result.Findings, f => f.RuleId == "tagging-required-tags" && f.ResourceArn == TinyEstate.Arn(bucket));

    [Fact]
    public async Task AWaivedFindingIsSuppressedUntilItsWaiverExpiresThenItIsOpenAgainAndSaysSo()
    {
        using var estate = new TinyEstate { Extra = Waivers }.Untagged("legacy-logs").Untagged("unwaived").Write();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var store = Path.Combine(estate.Directory, ".guardrails", "findings.db");

        var before = await ScanAsync(estate, store, time);
        time.Advance(TimeSpan.FromDays(31));
        var after = await ScanAsync(estate, store, time);

        Assert.Equal((Verdict.Suppressed, FindingStatus.Suppressed), (Required(before, "legacy-logs").Verdict, Required(before, "legacy-logs").Status));
        Assert.Contains("Legacy buckets, deleted with the old platform", Required(before, "legacy-logs").Message);
        Assert.Equal(1, before.Evaluations["tagging"].Suppressed);
        Assert.Equal((Verdict.Fail, FindingStatus.Open), (Required(after, "legacy-logs").Verdict, Required(after, "legacy-logs").Status));
        Assert.Contains("reopened: its waiver expired on 2026-12-31", Required(after, "legacy-logs").Message);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), Required(after, "legacy-logs").FirstSeen);
        Assert.Equal(FindingStatus.New, Required(before, "unwaived").Status);
        Assert.Equal(FindingStatus.Open, Required(after, "unwaived").Status);
        Assert.Contains(after.Waivers.Expired, n => n.Waiver.Resource == "arn:aws:s3:::legacy-*");
    }

    [Fact]
    public async Task AWaiverThatMatchesNothingIsListedAsStaleInFindingsJsonAndTheCustomersOwn()
    {
        using var estate = new TinyEstate { Extra = Waivers }.Untagged("legacy-logs").Write();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

        var result = await ScanAsync(estate, Path.Combine(estate.Directory, "findings.db"), time);
        using var json = JsonDocument.Parse(FindingsJson.ToJson(result));
        using var acme = JsonDocument.Parse(FindingsJson.ToJson(CustomerScope.For(result, "acme")));
        using var globex = JsonDocument.Parse(FindingsJson.ToJson(CustomerScope.For(result, "globex")));

        var stale = Assert.Single(json.RootElement.GetProperty("waivers").GetProperty("stale").EnumerateArray());
        Assert.Equal("arn:aws:s3:::gone-*", stale.GetProperty("resource").GetString());
        Assert.Equal("data@acme.example", stale.GetProperty("owner").GetString());
        Assert.Equal("2027-06-30", stale.GetProperty("expires").GetString());
        Assert.Single(acme.RootElement.GetProperty("waivers").GetProperty("stale").EnumerateArray());
        Assert.False(globex.RootElement.TryGetProperty("waivers", out _), "a waiver of acme's account is none of globex's business");
    }
}
