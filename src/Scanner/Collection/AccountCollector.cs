using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Quotas;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// One account: assume the audit role, then IAM once and, per region, Config, Tagging, AWS RAM, the EC2 network and Service
/// Quotas, all at once (each has its own rate limit; on a second night the network waits for Config's changes, which say what of it to copy). Each (region, source) that fails is a gap;
/// the rest of the account is still collected.
/// </summary>
internal static class AccountCollector
{
    /// <summary>The Service Quotas codes whose quotas the quota rules read.</summary>
    private static readonly string[] RegionalServiceCodes =
        QuotaUsageTable.Rules.Where(r => !r.Global).Select(r => r.ServiceCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Account-wide quotas (IAM, S3 buckets) are the same in every region: read once.</summary>
    private static readonly string[] GlobalServiceCodes =
        QuotaUsageTable.Rules.Select(r => r.ServiceCode).Distinct(StringComparer.Ordinal).Except(RegionalServiceCodes).Order(StringComparer.Ordinal).ToArray();

    public static async Task CollectAsync(CollectionRun run, string accountId, CancellationToken cancellationToken)
    {
        var regions = run.Estate.Regions;
        var incremental = run.Incremental;
        var work = new List<Task>();
        // Per region, what changed in Config since the previous snapshot (null: collected in full): the Tagging API follows it.
        var changes = new Dictionary<string, Task<ConfigChanges?>>(StringComparer.Ordinal);
        if (run.AggregatorCredentials is not null)
        {
            // Config comes from the aggregator, even for an account whose role cannot be assumed.
            foreach (var region in regions)
            {
                changes[region] = ConfigAsync(run, accountId, region, incremental is null ? null : () => IncrementalConfigCollector.AggregatedAsync(run, incremental, accountId, region, cancellationToken),
                    () => ConfigCollector.CollectFromAggregatorAsync(run, accountId, region, cancellationToken), cancellationToken);
            }
            work.AddRange(changes.Values);
        }
        Amazon.Runtime.AWSCredentials? credentials = null;
        await run.Gaps.GuardAsync(accountId, null, CoverageGap.Sources.AssumeRole,
            async () => credentials = await run.AssumeAsync(accountId, cancellationToken), cancellationToken);
        if (credentials is not null)
        {
            var home = HomeRegion(regions);
            var iam = new AwsContext(accountId, AwsService.Iam.GlobalRegion!, credentials);
            // IAM has no change feed: it is read every night (one paged call and the credential report per account).
            work.Add(run.Gaps.GuardAsync(accountId, null, CoverageGap.Sources.Iam, async () =>
            {
                // Both files, or a gap: half an IAM picture could hide the admin.
                var details = IamCollector.CollectAuthorizationDetailsAsync(run, iam, cancellationToken);
                await Task.WhenAll(details, IamCollector.CollectCredentialReportAsync(run, iam, cancellationToken));
                if (run.JobLimiters is not null)
                {
                    // Each principal's job guarded on its own: a failed job is a gap naming it, never an IAM gap.
                    await ServiceLastAccessCollector.CollectAsync(run, iam, await details, cancellationToken);
                }
            }, cancellationToken));
            foreach (var region in regions)
            {
                var context = new AwsContext(accountId, region, credentials);
                // What has no change feed of its own (RAM, the service policies, snapshots and AMIs, the recorder): a second night asks
                // CloudTrail's event history once a region which of them changed, and copies the rest.
                var trail = incremental is null ? Task.FromResult<TrailChanges?>(null) : TrailChanges.LookupAsync(run, incremental, context, cancellationToken);
                // The recorder's status and what it records, every night into the snapshot; a second night copies them unless a recorder call is in the history.
                var recorder = ConfigRecorder.ReadAsync(run, context, trail, cancellationToken);
                work.Add(recorder);
                if (run.AggregatorCredentials is null)
                {
                    changes[region] = ConfigAsync(run, accountId, region, incremental is null ? null : () => IncrementalConfigCollector.DirectAsync(run, incremental, context, recorder, cancellationToken),
                        () => ConfigCollector.CollectAsync(run, context, cancellationToken), cancellationToken);
                    work.Add(changes[region]);
                }
                var regionChanges = changes[region];
                work.Add(run.Gaps.GuardAsync(accountId, region, CoverageGap.Sources.Tagging, async () =>
                {
                    if (incremental is null || !await IncrementalTagging.TryTaggingAsync(run, incremental, context, await regionChanges, cancellationToken))
                    {
                        await TaggingAsync(run, context, cancellationToken);
                    }
                }, cancellationToken));
                // Three calls per region.
                work.Add(TrailCopy.GuardAsync(run, context, trail, TrailWatchedSource.Ram, () => RamCollector.CollectAsync(run, context, cancellationToken), cancellationToken));
                // The resource policies Config does not record (Logs, Glue, Lambda layers).
                work.AddRange(ServicePolicyCollector.Start(run, context, trail, cancellationToken));
                // DynamoDB's tables, each described and its policies read every night; a second night lists them from the previous snapshot where Config shows none created or deleted.
                var copyTables = IncrementalCopy.PlanAsync(run, context, ServiceResourcePolicies.DynamoDbSource, ConfigWatchedOutput.DynamoDb, regionChanges, recorder);
                work.Add(DynamoDbCollector.Start(run, context, copyTables, cancellationToken));
                // The network's calls, each guarded on its own (a failed call is a gap naming it); a second night copies what Config shows unchanged.
                var copyNetwork = IncrementalCopy.PlanAsync(run, context, CoverageGap.Sources.Network, ConfigWatchedOutput.Network, regionChanges, recorder);
                work.Add(NetworkCollector.CollectAsync(run, context, copyNetwork, cancellationToken));
                // Who the EBS snapshots and AMIs are shared with (Config records neither): one call per snapshot or image.
                work.AddRange(Ec2SharingCollector.Start(run, context, trail, cancellationToken));
                var codes = region == home ? RegionalServiceCodes.Concat(GlobalServiceCodes).ToList() : RegionalServiceCodes.ToList();
                work.Add(run.Gaps.GuardAsync(accountId, region, CoverageGap.Sources.Quotas, async () =>
                {
                    if (incremental is null || !await IncrementalTagging.TryQuotasAsync(run, incremental, accountId, region, codes.Count, cancellationToken))
                    {
                        await QuotasAsync(run, context, codes, cancellationToken);
                    }
                }, cancellationToken));
            }
        }
        await Task.WhenAll(work);
        run.Progress.AccountDone(accountId);
    }

    /// <summary>One region's Config, from the previous snapshot and the changes when it can be, else in full; a failure is a gap.</summary>
    private static async Task<ConfigChanges?> ConfigAsync(CollectionRun run, string accountId, string region, Func<Task<ConfigChanges?>>? incremental, Func<Task> full, CancellationToken cancellationToken)
    {
        ConfigChanges? changes = null;
        await run.Gaps.GuardAsync(accountId, region, CoverageGap.Sources.Config, async () =>
        {
            changes = incremental is null ? null : await incremental();
            if (changes is null)
            {
                await full();
            }
        }, cancellationToken);
        return changes;
    }

    /// <summary>Where account-wide quotas are read: us-east-1 when collected (IAM's home), else the first region.</summary>
    public static string HomeRegion(IReadOnlyList<string> regions) => regions.Contains("us-east-1") ? "us-east-1" : regions[0];

    private static Task<int> TaggingAsync(CollectionRun run, AwsContext context, CancellationToken cancellationToken) =>
        SnapshotWriter.WriteListAsync(SnapshotLayout.TaggingFile(run.AccountDirectory(context.AccountId), context.Region),
            "ResourceTagMappingList", run.Clients.Tagging.GetResourcesAsync(context, cancellationToken), cancellationToken);

    private static async Task QuotasAsync(CollectionRun run, AwsContext context, IEnumerable<string> serviceCodes, CancellationToken cancellationToken)
    {
        // One service code after another: they share the (account, region, servicequotas) rate anyway.
        foreach (var code in serviceCodes)
        {
            await SnapshotWriter.WriteListAsync(SnapshotLayout.QuotaFile(run.AccountDirectory(context.AccountId), context.Region, code),
                "Quotas", run.Clients.Quotas.ListServiceQuotasAsync(context, code, cancellationToken), cancellationToken);
        }
    }
}
