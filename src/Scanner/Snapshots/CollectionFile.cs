using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// collection.json: when the snapshot was collected and what could not be
/// (<c>{"collectedAt": "...", "accounts": [...], "regions": [...], "gaps": [{"accountId", "region", "source", "reason"}], "statistics": {...}}</c>).
/// The one reader and the one writer of the file: <c>collect</c> and the demo write it alike.
/// </summary>
internal static class CollectionFile
{
    public static void Write(string snapshot, CollectionSummary summary)
    {
        using var stream = SnapshotWriter.Create(Path.Combine(snapshot, SnapshotLayout.CollectionFile));
        using var w = new Utf8JsonWriter(stream, SnapshotWriter.Indented);
        w.WriteStartObject();
        w.WriteString("collectedAt", summary.CollectedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteStartArray("accounts");
        summary.Accounts.ToList().ForEach(w.WriteStringValue);
        w.WriteEndArray();
        w.WriteStartArray("regions");
        summary.Regions.ToList().ForEach(w.WriteStringValue);
        w.WriteEndArray();
        w.WriteStartArray("gaps");
        foreach (var gap in summary.Gaps)
        {
            w.WriteStartObject();
            w.WriteString("accountId", gap.AccountId);
            w.WriteString("region", gap.Region);
            w.WriteString("source", gap.Source);
            w.WriteString("reason", gap.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (summary.Statistics is { } statistics)
        {
            w.WriteStartObject("statistics");
            w.WriteNumber("requests", statistics.Requests);
            w.WriteNumber("throttled", statistics.Throttles);
            w.WriteNumber("retries", statistics.Retries);
            w.WriteNumber("seconds", Math.Round(statistics.Elapsed.TotalSeconds, 3));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static (DateTimeOffset? CollectedAt, List<CoverageGap> Gaps) Read(string path)
    {
        if (!File.Exists(path))
        {
            return (null, []);
        }
        using var document = AwsJson.Open(path);
        var root = document.RootElement;
        DateTimeOffset? collectedAt = JsonPath.Find(root, "collectedAt") is { ValueKind: JsonValueKind.String } at
            ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture)
            : null;
        var gaps = new List<CoverageGap>();
        foreach (var gap in JsonPath.Find(root, "gaps")?.EnumerateArray() ?? default)
        {
            gaps.Add(new CoverageGap(
                JsonPath.Find(gap, "accountId")?.GetString() ?? throw new SnapshotFormatException($"{path}: a gap without accountId"),
                JsonPath.Find(gap, "region") is { ValueKind: JsonValueKind.String } region ? region.GetString() : null,
                JsonPath.Find(gap, "source")?.GetString() ?? CoverageGap.Sources.Snapshot,
                JsonPath.Find(gap, "reason")?.GetString() ?? "not collected"));
        }
        return (collectedAt, gaps);
    }
}
