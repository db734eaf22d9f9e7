using System.Text.Json;
using Bogus;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Streams configuration items into AWS Config snapshot files of one account and region. A region with more than
/// <see cref="MaxItemsPerFile"/> items is split into <c>&lt;region&gt;-1.json</c>, <c>-2.json</c>, ...; one with fewer
/// is a single <c>&lt;region&gt;.json</c>.
/// </summary>
internal sealed class ConfigSnapshotWriter(string directory, string accountId, string region, Randomizer random,
    int maxItemsPerFile = ConfigSnapshotWriter.MaxItemsPerFile) : IDisposable
{
    /// <summary>Keeps every file small enough to open in an editor and to parse without a streaming reader.</summary>
    public const int MaxItemsPerFile = 50_000;

    private readonly List<string> _files = [];
    private Stream? _stream;
    private Utf8JsonWriter? _writer;
    private int _inFile;

    public void Write(ConfigItem item, TagSet tags, IReadOnlyList<ConfigRelation> relationships,
        Action<Utf8JsonWriter> configuration, Action<Utf8JsonWriter>? supplementary = null)
    {
        var writer = Next();
        var captured = DemoLayout.CollectedAt.AddMilliseconds(-random.Long(3_600_000L, 30 * 86_400_000L));
        if (captured < item.Created)
        {
            captured = item.Created;
        }
        writer.WriteStartObject();
        writer.WriteString("configurationItemVersion", "1.3");
        writer.WriteString("configurationItemCaptureTime", Iso.Millis(captured));
        writer.WriteNumber("configurationStateId", captured.ToUnixTimeMilliseconds());
        writer.WriteString("awsAccountId", accountId);
        writer.WriteString("configurationItemStatus", "OK");
        writer.WriteString("resourceType", item.Type);
        writer.WriteString("resourceId", item.Id);
        if (item.Name is not null)
        {
            writer.WriteString("resourceName", item.Name);
        }
        writer.WriteString("ARN", item.Arn);
        writer.WriteString("awsRegion", item.Region);
        writer.WriteString("availabilityZone", item.AvailabilityZone);
        writer.WriteString("configurationStateMd5Hash", "");
        writer.WriteString("resourceCreationTime", Iso.Millis(item.Created));
        tags.WriteObject(writer, "tags");
        writer.WriteStartArray("relatedEvents");
        writer.WriteEndArray();
        writer.WriteStartArray("relationships");
        foreach (var relation in relationships)
        {
            writer.WriteStartObject();
            writer.WriteString("resourceType", relation.Type);
            if (relation.Id is not null)
            {
                writer.WriteString("resourceId", relation.Id);
            }
            if (relation.Name is not null)
            {
                writer.WriteString("resourceName", relation.Name);
            }
            writer.WriteString("relationshipName", relation.RelationshipName);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject("configuration");
        configuration(writer);
        writer.WriteEndObject();
        writer.WriteStartObject("supplementaryConfiguration");
        supplementary?.Invoke(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
        _inFile++;
    }

    private Utf8JsonWriter Next()
    {
        if (_writer is not null && _inFile < maxItemsPerFile)
        {
            return _writer;
        }
        Close();
        var path = Path.Combine(directory, $"{region}-{_files.Count + 1}.json");
        _files.Add(path);
        _stream = SnapshotWriter.Create(path);
        _writer = new Utf8JsonWriter(_stream, SnapshotWriter.Compact);
        _writer.WriteStartObject();
        _writer.WriteString("fileVersion", "1.0");
        _writer.WriteString("configSnapshotId", random.Guid().ToString());
        _writer.WriteStartArray("configurationItems");
        _inFile = 0;
        return _writer;
    }

    private void Close()
    {
        if (_writer is null)
        {
            return;
        }
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Dispose();
        _stream!.Dispose();
        _writer = null;
        _stream = null;
    }

    public void Dispose()
    {
        Close();
        if (_files.Count == 1)
        {
            File.Move(_files[0], Path.Combine(directory, $"{region}.json"), overwrite: true);
        }
    }
}
