using System.Text.Json;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// What a demo estate holds and the violations planted in it (<c>demo-manifest.json</c>). A scan of the demo
/// must report as Fail exactly the (rule id, resource ARN) pairs of <see cref="Violations"/>, and nothing else.
/// </summary>
public sealed class DemoManifest
{
    public const string FileName = "demo-manifest.json";

    public required int Seed { get; init; }
    public required int Size { get; init; }
    public required DateTimeOffset CollectedAt { get; init; }

    /// <summary>Every resource a scan sees: configuration items, Tagging-API-only resources, IAM entities, quotas.</summary>
    public required long Resources { get; init; }
    public required IReadOnlyDictionary<string, long> ResourcesByType { get; init; }

    /// <summary>The account that denied AssumeRole: it has no files, only a coverage gap.</summary>
    public required string GapAccountId { get; init; }

    /// <summary>The resource whose Name tag carries an HTML payload; it must not fail anything.</summary>
    public required string PayloadResourceArn { get; init; }

    /// <summary>Sorted by rule id, then resource ARN.</summary>
    public required IReadOnlyList<DemoViolation> Violations { get; init; }

    /// <summary>The number of planted violations per rule id.</summary>
    public IReadOnlyDictionary<string, int> CountByRule() =>
        Violations.GroupBy(v => v.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Reads the manifest of a demo estate directory.</summary>
    public static DemoManifest Load(string directory)
    {
        using var stream = File.OpenRead(Path.Combine(directory, FileName));
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        return new DemoManifest
        {
            Seed = root.GetProperty("seed").GetInt32(),
            Size = root.GetProperty("size").GetInt32(),
            CollectedAt = root.GetProperty("collectedAt").GetDateTimeOffset(),
            Resources = root.GetProperty("resources").GetInt64(),
            ResourcesByType = root.GetProperty("resourcesByType").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal),
            GapAccountId = root.GetProperty("gapAccountId").GetString() ?? "",
            PayloadResourceArn = root.GetProperty("payloadResourceArn").GetString() ?? "",
            Violations = root.GetProperty("violations").EnumerateArray()
                .Select(v => new DemoViolation(
                    v.GetProperty("ruleId").GetString() ?? "",
                    v.GetProperty("resourceArn").GetString() ?? "",
                    v.GetProperty("why").GetString() ?? ""))
                .ToList(),
        };
    }

    internal void Write(string directory)
    {
        using var stream = File.Create(Path.Combine(directory, FileName));
        using var writer = new Utf8JsonWriter(stream, SnapshotWriter.Indented);
        writer.WriteStartObject();
        writer.WriteNumber("seed", Seed);
        writer.WriteNumber("size", Size);
        writer.WriteString("collectedAt", Iso.Seconds(CollectedAt));
        writer.WriteNumber("resources", Resources);
        writer.WriteStartObject("resourcesByType");
        foreach (var (type, count) in ResourcesByType.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(type, count);
        }
        writer.WriteEndObject();
        writer.WriteString("gapAccountId", GapAccountId);
        writer.WriteString("payloadResourceArn", PayloadResourceArn);
        writer.WriteStartObject("violationsByRule");
        foreach (var (rule, count) in CountByRule())
        {
            writer.WriteNumber(rule, count);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("violations");
        foreach (var violation in Violations)
        {
            writer.WriteStartObject();
            writer.WriteString("ruleId", violation.RuleId);
            writer.WriteString("resourceArn", violation.ResourceArn);
            writer.WriteString("why", violation.Why);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
