using Polly;
using Polly.Retry;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Scanner.Configuration;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Notifications;

/// <summary>
/// Sends each channel of guardrails.yaml its digest of an audit, at most once per (scan, channel): the
/// delivery is claimed in the store before it is sent, so a Finish job that Hangfire runs again sends
/// nothing twice. A channel that fails is retried, then recorded as a failed delivery; nothing here
/// ever fails the audit. Webhook URLs and SMTP passwords are secrets: read from the environment, masked in every error.
/// </summary>
internal sealed class Notifier(IFindingsStore store, GuardrailsConfig config, HttpClient http, TimeProvider time, Func<string, string?> environment, Action<string> warn)
{
    public int MaxAttempts { get; init; } = 3;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The digest's link: notifications.reportUrl/SCAN_ID/report.html, else the report file written.</summary>
    public static string ReportLink(GuardrailsConfig config, string scanId, string reportFile) =>
        config.Notifications.ReportUrl is { } baseUrl ? $"{baseUrl.TrimEnd('/')}/{Uri.EscapeDataString(scanId)}/report.html" : new Uri(Path.GetFullPath(reportFile)).AbsoluteUri;

    public async Task NotifyAsync(ScanResult scan, string scope, string reportLink, CancellationToken cancellationToken)
    {
        if (config.Notifications.Channels.Count == 0)
        {
            return;
        }
        try
        {
            var earlierGaps = await EarlierGapsAsync(scan.ScanId, scope, cancellationToken);
            foreach (var channel in config.Notifications.Channels)
            {
                await DeliverAsync(scan, channel, reportLink, earlierGaps, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The audit is done and recorded: a broken notification must not fail it or make it run again.
            warn($"notifications of scan {scan.ScanId} failed: {ex.GetType().Name}");
        }
    }

    private async Task DeliverAsync(ScanResult scan, NotificationChannel channel, string reportLink, IReadOnlyCollection<CoverageGap> earlierGaps, CancellationToken cancellationToken)
    {
        if (!await store.ClaimDeliveryAsync(scan.ScanId, channel.Name, time.GetUtcNow(), cancellationToken))
        {
            return;
        }
        var digest = Digest.For(scan, config, channel, reportLink, earlierGaps);
        if (digest.IsEmpty)
        {
            await store.FinishDeliveryAsync(scan.ScanId, channel.Name, true, 0, "nothing to report", cancellationToken);
            return;
        }
        var (sender, problem) = SenderFor(channel);
        if (sender is null)
        {
            await FailAsync(scan.ScanId, channel, 0, problem!, cancellationToken);
            return;
        }
        var attempts = 0;
        try
        {
            await Retry(sender).ExecuteAsync(async token =>
            {
                attempts++;
                await sender.SendAsync(digest, token);
            }, cancellationToken);
            await store.FinishDeliveryAsync(scan.ScanId, channel.Name, true, attempts, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Each channel is a boundary: whatever broke it is recorded, and the other channels are still sent.
            await FailAsync(scan.ScanId, channel, attempts, sender.Describe(ex), cancellationToken);
        }
    }

    /// <summary>The channel's sender, or why there is none: a secret its environment variable does not hold.</summary>
    private (IDigestSender? Sender, string? Problem) SenderFor(NotificationChannel channel)
    {
        if (channel.Email is { } email)
        {
            var password = email.PasswordVariable is { } variable ? environment(variable) : null;
            return email.PasswordVariable is not null && password is not { Length: > 0 }
                ? (null, $"the environment variable {email.PasswordVariable} (the SMTP password) is not set")
                : (new EmailSender(email, password, time), null);
        }
        return environment(channel.WebhookVariable!) is { Length: > 0 } url
            ? (new WebhookSender(http, url, channel.Format), null)
            : (null, $"the environment variable {channel.WebhookVariable} (the webhook's URL) is not set");
    }

    private async Task FailAsync(string scanId, NotificationChannel channel, int attempts, string error, CancellationToken cancellationToken)
    {
        await store.FinishDeliveryAsync(scanId, channel.Name, false, attempts, error, cancellationToken);
        warn($"notification to channel {channel.Name} failed after {attempts} attempt(s): {error}");
    }

    private ResiliencePipeline Retry(IDigestSender sender) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } exception && sender.IsTransient(exception)),
            })
            .Build();

    /// <summary>The previous completed scan's gaps in the scope, so that the digest names only new ones.</summary>
    private async Task<IReadOnlyCollection<CoverageGap>> EarlierGapsAsync(string scanId, string scope, CancellationToken cancellationToken)
    {
        var trend = await store.TrendAsync(scope, 2, cancellationToken);
        return trend.LastOrDefault(p => p.ScanId != scanId) is { } earlier
            ? (await store.ReadScanAsync(earlier.ScanId, cancellationToken)).Gaps.ToHashSet()
            : [];
    }
}
