using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Tests.Scanner.Store;

/// <summary>Small builders of scans and findings for store tests: one account, a few buckets.</summary>
internal static class StoreScans
{
    public const string Account = "111111111111";
    public const string Rule = "tagging-required-tags";
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    public static Finding Finding(string bucket, Verdict verdict = Verdict.Fail, string account = Account, string rule = Rule, string region = "eu-west-1") => new()
    {
        RuleId = rule,
        Family = "tagging",
        Severity = Severity.Medium,
        Verdict = verdict,
        ResourceArn = $"arn:aws:s3:::{bucket}",
        ResourceType = "AWS::S3::Bucket",
        AccountId = account,
        Region = region,
        Customer = "acme",
        Message = $"AWS::S3::Bucket arn:aws:s3:::{bucket} is missing required tag(s) owner",
    };

    public static NewScan NewScan(DateTimeOffset startedAt, IReadOnlyList<PartKey>? parts = null, string scope = "acme", string? requestKey = null) => new()
    {
        PreferredId = $"{startedAt:yyyyMMdd'T'HHmmss'Z'}-test",
        Scope = scope,
        RequestKey = requestKey,
        CatalogHash = "catalog",
        ConfigHash = "config",
        StartedAt = startedAt,
        Parts = parts ?? [PartKey.Whole],
        Accounts = [Account],
    };

    public static PartResult Part(string scanId, PartKey part, IReadOnlyList<Finding> findings, params CoverageGap[] gaps) => new()
    {
        ScanId = scanId,
        Part = part,
        Resources = findings.Count,
        Evaluations = new Dictionary<string, FamilySummary> { ["tagging"] = new() { Fail = findings.Count(f => f.Verdict == Verdict.Fail) } },
        Gaps = gaps,
        MatchedWaivers = [],
        Findings = findings,
    };

    /// <summary>Records and completes a one-part scan, and reads it back.</summary>
    public static async Task<StoredScan> ScanAsync(IFindingsStore store, DateTimeOffset startedAt, IReadOnlyList<Finding> findings, params CoverageGap[] gaps)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var scan = await store.BeginScanAsync(NewScan(startedAt), cancellationToken);
        await store.SavePartAsync(Part(scan.ScanId, PartKey.Whole, findings, gaps), cancellationToken);
        await store.CompleteScanAsync(scan.ScanId, startedAt.AddMinutes(5), cancellationToken);
        return await store.ReadScanAsync(scan.ScanId, cancellationToken);
    }

    public static Finding Single(StoredScan scan, string bucket) =>
        Assert.Single(scan.Findings, f => f.ResourceArn == $"arn:aws:s3:::{bucket}");
}
