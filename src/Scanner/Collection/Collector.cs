using Amazon.Runtime;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Aws;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// Live AWS to a snapshot directory (layout in DESIGN.md): every account of the estate, in
/// parallel up to the configured number, every region; then collection.json with the gaps.
/// The caller's own keys are proven first, so that wrong keys are an error, not an empty estate.
/// </summary>
internal sealed class Collector(CollectorOptions options)
{
    /// <param name="organization">Where to read the AWS organisation from; null: not read.</param>
    /// <param name="accounts">
    /// Whether the estate's accounts are collected; false reads only the organisation (for the estate's accounts'
    /// SCPs and RCPs), as a live engine does once per scan.
    /// </param>
    /// <param name="since">
    /// A previous snapshot to collect incrementally from (<c>collect --since</c>): Config's changes since it, the rest re-read or reused
    /// (docs/collect.md, "Incremental collection"); null: everything in full.
    /// </param>
    public async Task<CollectionSummary> RunAsync(Estate estate, AwsSettings settings, string outputDirectory, CancellationToken cancellationToken,
        OrganizationSettings? organization = null, bool accounts = true, string? since = null)
    {
        var time = options.Time;
        var started = time.GetTimestamp();
        var collectedAt = time.GetUtcNow();
        var statistics = new AwsCallStatistics();
        var secrets = new SecretRegistry();
        secrets.Add(options.Credentials);
        using var progress = new CollectionProgress(options.Log, options.Interactive, time, statistics, secrets);
        var gaps = new CollectionGaps(secrets, progress);
        var retry = new AwsRetryOptions(settings.MaxAttempts, settings.BaseDelay, settings.MaxDelay, settings.RequestTimeout);
        await using var limiters = new RateLimiters(settings.RequestsPerSecond, settings.Burst, time,
            new Dictionary<string, double>(StringComparer.Ordinal) { [AwsService.Sts.SigningName] = settings.StsRequestsPerSecond });
        await using var jobLimiters = settings.ServiceLastAccessed.Enabled ? new RateLimiters(settings.ServiceLastAccessed.JobsPerSecond, 1, time) : null;
        var sender = new AwsRequestSender(options.Http, options.Endpoints, limiters, retry, statistics, time);
        var region = options.HomeRegion ?? (estate.Regions.Count > 0 ? estate.Regions[0] : "us-east-1");
        using var roles = new RoleAssumer(options.Credentials, region, options.Endpoints, retry, limiters, statistics, time, secrets.Add, options.Http);

        await ProveCallerAsync(roles, secrets, cancellationToken);
        var collected = accounts ? estate.Accounts.Order(StringComparer.Ordinal).ToList() : [];
        Directory.CreateDirectory(outputDirectory);
        var run = new CollectionRun
        {
            Estate = estate,
            Settings = settings,
            OutputDirectory = outputDirectory,
            Clients = options.Clients?.Invoke(sender) ?? AwsClients.Over(sender),
            Roles = roles,
            Gaps = gaps,
            Progress = progress,
            Secrets = secrets,
            Time = time,
            SessionName = $"guardrails-{collectedAt:yyyyMMddTHHmmss}",
            CredentialReportPollInterval = options.CredentialReportPollInterval,
            JobLimiters = jobLimiters,
        };
        var configSource = PreviousSnapshot.ConfigSourceOf(settings);
        if (since is not null)
        {
            var (previous, problem) = PreviousSnapshot.Load(since, configSource, collectedAt, options.Limits);
            if (previous is null)
            {
                progress.Log($"full collection of every account: {problem}");
            }
            else
            {
                progress.Log($"incremental collection: Config's changes since {PreviousSnapshot.QueryTime(previous.Since)} (the previous collection at {previous.CollectedAt:yyyy-MM-ddTHH:mm:ssZ}, less {PreviousSnapshot.Overlap.TotalMinutes:0} minutes)");
                run = run with { Incremental = new IncrementalState(previous, options.Limits) };
            }
        }
        if (settings.Aggregator is { } aggregator)
        {
            var direct = run;
            run = run with { AggregatorCredentials = new Lazy<Task<AWSCredentials>>(() => direct.AssumeAsync(aggregator.AccountId, cancellationToken)) };
        }
        progress.Start(collected.Count, estate.Regions.Count);
        // The organisation has its own account and rate limit: it is read beside the accounts.
        var tree = organization is null
            ? Task.CompletedTask
            : gaps.GuardAsync(organization.AccountId, null, CoverageGap.Sources.Organizations,
                () => OrganizationCollector.CollectAsync(run, organization, cancellationToken), cancellationToken);
        await Parallel.ForEachAsync(collected, new ParallelOptions { MaxDegreeOfParallelism = settings.AccountConcurrency, CancellationToken = cancellationToken },
            async (account, token) => await AccountCollector.CollectAsync(run, account, token));
        await tree;

        var calls = new CollectionStatistics(statistics.Requests, statistics.Throttles, statistics.Retries, time.GetElapsedTime(started));
        var summary = new CollectionSummary(collectedAt, collected, estate.Regions, gaps.All, calls)
        {
            ConfigSource = configSource,
            Incremental = since is null ? null : new IncrementalSummary(run.Incremental?.Previous.Since, run.Incremental?.Full ?? [], run.Incremental is null),
        };
        CollectionFile.Write(outputDirectory, summary);
        progress.Log($"collected {collected.Count} accounts x {estate.Regions.Count} regions in {calls.Elapsed.TotalSeconds:0.0} s: " +
                     $"{calls.Requests} requests, {calls.Throttles} throttled, {calls.Retries} retries, {summary.Gaps.Count} gaps");
        return summary;
    }

    private static async Task ProveCallerAsync(RoleAssumer roles, SecretRegistry secrets, CancellationToken cancellationToken)
    {
        try
        {
            await roles.CallerAccountAsync(cancellationToken);
        }
        catch (AwsServiceException ex) when (AwsErrorCodes.IsAuthentication(ex.Code))
        {
            throw new AuthenticationFailedException(secrets.Redact(
                $"AWS refused the caller's credentials ({ex.Code}: {ex.AwsMessage}). Check the access key and secret key " +
                "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE), or that the session has not expired; nothing was collected."), ex);
        }
    }
}
