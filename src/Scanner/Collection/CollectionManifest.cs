using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// collection.json: when, what was asked for, what could not be had (the gaps the scan turns into
/// NotAssessed), and how many calls it took.
/// </summary>
internal static class CollectionManifest
{
    public static Task WriteAsync(string directory, CollectionSummary summary, CancellationToken cancellationToken)
    {
        var manifest = new
        {
            collectedAt = summary.CollectedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            accounts = summary.Accounts,
            regions = summary.Regions,
            gaps = summary.Gaps.Select(g => new { accountId = g.AccountId, region = g.Region, source = g.Source, reason = g.Reason }),
            statistics = new { requests = summary.Requests, throttled = summary.Throttles, retries = summary.Retries, seconds = Math.Round(summary.Elapsed.TotalSeconds, 3) },
        };
        return SnapshotFiles.WriteJsonAsync(Path.Combine(directory, "collection.json"), JsonSerializer.SerializeToElement(manifest), cancellationToken);
    }
}
