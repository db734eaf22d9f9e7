using System.Text.Json;
using Ocado.Guardrails.Scanner.Snapshots;

namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>One AWS CLI output of a list call, <c>{ "LIST": [ {...}, ... ] }</c>, written item by item.</summary>
internal static class CliListFile
{
    public static void Write<T>(string path, string list, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        using var stream = SnapshotWriter.Create(path);
        using var writer = new Utf8JsonWriter(stream, SnapshotWriter.Indented);
        writer.WriteStartObject();
        writer.WriteStartArray(list);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            write(writer, item);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
