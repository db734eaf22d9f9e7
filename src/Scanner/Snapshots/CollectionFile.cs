using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

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
        if (summary.ConfigSource is { } source)
        {
            w.WriteString("config", source);
        }
        if (summary.Incremental is { } incremental)
        {
            w.WriteStartObject("incremental");
            w.WriteString("since", incremental.Since?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteBoolean("allFull", incremental.AllFull);
            w.WriteStartArray("full");
            foreach (var full in incremental.Full)
            {
                w.WriteStartObject();
                w.WriteString("accountId", full.AccountId);
                w.WriteString("region", full.Region);
                w.WriteString("source", full.Source);
                w.WriteString("reason", full.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
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

    /// <summary>What collection.json says; a file that says it wrongly is described in <see cref="Contents.Problem"/>, never thrown.</summary>
    public static Contents Read(string path, string? root, InputLimits limits)
    {
        if (!InputFile.Exists(path))
        {
            // A hand-made snapshot needs none: nothing is recorded as missing, and the scan's clock is used.
            return new Contents(null, [], null, null);
        }
        try
        {
            using var document = AwsJson.Open(path, root, limits);
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{path} is {AwsJson.Kind(body)}, not an object");
            }
            var gaps = new List<CoverageGap>();
            if (JsonPath.TryGetProperty(body, "gaps", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new SnapshotFormatException($"{path}: gaps is {AwsJson.Kind(list)}, not a list");
                }
                var index = 0;
                foreach (var gap in list.EnumerateArray())
                {
                    gaps.Add(Gap(gap, $"{path}: gaps[{index++}]"));
                }
            }
            var (collectedAt, warning) = When(body, path);
            return new Contents(collectedAt, gaps, null, warning);
        }
        catch (Exception ex) when (SnapshotReader.Unreadable(ex))
        {
            return new Contents(null, [], ex.Message.Contains(path, StringComparison.Ordinal) ? ex.Message : $"{path}: {ex.Message}", null);
        }
    }

    private static CoverageGap Gap(JsonElement gap, string where)
    {
        if (gap.ValueKind != JsonValueKind.Object)
        {
            throw new SnapshotFormatException($"{where} is {AwsJson.Kind(gap)}, not an object");
        }
        var account = AwsJson.Text(gap, "accountId", where) ?? throw new SnapshotFormatException($"{where}: no accountId");
        if (!SnapshotLayout.IsAccountFolder(account))
        {
            // It names a folder to read: "../../etc" must not become one.
            throw new SnapshotFormatException($"{where}: accountId '{account}' is not a 12-digit AWS account id");
        }
        return new CoverageGap(
            account,
            AwsJson.Text(gap, "region", where),
            AwsJson.Text(gap, "source", where) ?? CoverageGap.Sources.Snapshot,
            AwsJson.Text(gap, "reason", where) ?? "not collected");
    }

    private static (DateTimeOffset? At, string? Warning) When(JsonElement root, string path)
    {
        if (!JsonPath.TryGetProperty(root, "collectedAt", out var at) || at.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }
        if (at.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return (parsed, null);
        }
        return (null, $"{path}: collectedAt {(at.ValueKind == JsonValueKind.String ? $"'{at.GetString()}'" : AwsJson.Kind(at))} is not a date and time: key ages and expiry dates are judged as of the scan's start instead");
    }

    /// <summary>
    /// <see cref="Problem"/>: the file could not be read, so what could not be collected is unknown (every account is then a gap);
    /// <see cref="Warning"/>: read, but collectedAt was unusable.
    /// </summary>
    public sealed record Contents(DateTimeOffset? CollectedAt, List<CoverageGap> Gaps, string? Problem, string? Warning);
}
