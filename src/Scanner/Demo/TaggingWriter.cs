using System.Text.Json;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// Streams one region's <c>aws resourcegroupstaggingapi get-resources</c> output. Like the API, it lists only
/// resources that carry at least one tag.
/// </summary>
internal sealed class TaggingWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    public TaggingWriter(string path)
    {
        _stream = SnapshotWriter.Create(path);
        _writer = new Utf8JsonWriter(_stream, SnapshotWriter.Compact);
        _writer.WriteStartObject();
        _writer.WriteStartArray("ResourceTagMappingList");
    }

    public void Write(string arn, TagSet tags)
    {
        if (tags.Count == 0)
        {
            return;
        }
        _writer.WriteStartObject();
        _writer.WriteString("ResourceARN", arn);
        tags.WriteArray(_writer, "Tags", "Key", "Value");
        _writer.WriteEndObject();
    }

    public void Dispose()
    {
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Dispose();
        _stream.Dispose();
    }
}
