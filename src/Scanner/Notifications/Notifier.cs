using System.Text;
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
/// ever fails the audit. Webhook URLs are secrets: read from the environment, masked in every error.
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
        if (environment(channel.WebhookVariable) is not { Length: > 0 } url)
        {
            await FailAsync(scan.ScanId, channel, 0, $"the environment variable {channel.WebhookVariable} (the webhook's URL) is not set", cancellationToken);
            return;
        }
        var body = WebhookMessage.Json(digest, channel.Format);
        var attempts = 0;
        try
        {
            await Retry().ExecuteAsync(async token =>
            {
                attempts++;
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(url), content, token);
                response.EnsureSuccessStatusCode();
            }, cancellationToken);
            await store.FinishDeliveryAsync(scan.ScanId, channel.Name, true, attempts, null, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await FailAsync(scan.ScanId, channel, attempts, Mask(ex.Message, url), cancellationToken);
        }
    }

    private async Task FailAsync(string scanId, NotificationChannel channel, int attempts, string error, CancellationToken cancellationToken)
    {
        await store.FinishDeliveryAsync(scanId, channel.Name, false, attempts, error, cancellationToken);
        warn($"notification to channel {channel.Name} failed after {attempts} attempt(s): {error}");
    }

    private ResiliencePipeline Retry() =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TaskCanceledException),
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

    /// <summary>An error with the URL (and its path, where Slack and Teams keep the secret) blotted out.</summary>
    public static string Mask(string message, string url)
    {
        var masked = message.Replace(url, "***", StringComparison.Ordinal);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length > 1
            ? masked.Replace(uri.PathAndQuery, "/***", StringComparison.Ordinal)
            : masked;
    }
}
