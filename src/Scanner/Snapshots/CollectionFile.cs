using System.Globalization;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// collection.json: when the snapshot was collected and what could not be
/// (<c>{"collectedAt": "...", "gaps": [{"accountId", "region", "source", "reason"}]}</c>).
/// </summary>
internal static class CollectionFile
{
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
