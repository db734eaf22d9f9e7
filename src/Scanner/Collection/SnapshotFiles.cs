using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Collection;

/// <summary>
/// Writes snapshot files in AWS's own output shapes. A listing streams into a temporary file that
/// takes its real name only when its last page arrived: a file in the snapshot is always complete,
/// and what failed half-way leaves no file, only a gap.
/// </summary>
internal static class SnapshotFiles
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Writes <c>{"<paramref name="property"/>": [items...]}</c>; returns how many items it wrote.</summary>
    public static async Task<int> WriteListAsync(string path, string property, IAsyncEnumerable<JsonElement> items, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        var count = 0;
        try
        {
            await using (var stream = File.Create(partial))
            await using (var writer = new Utf8JsonWriter(stream, Indented))
            {
                writer.WriteStartObject();
                writer.WriteStartArray(property);
                await foreach (var item in items.WithCancellation(cancellationToken))
                {
                    item.WriteTo(writer);
                    count++;
                    if (writer.BytesPending > 64 * 1024)
                    {
                        await writer.FlushAsync(cancellationToken);
                    }
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            File.Move(partial, path, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public static async Task WriteJsonAsync(string path, JsonElement value, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        await using (var stream = File.Create(partial))
        await using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            value.WriteTo(writer);
        }
        File.Move(partial, path, overwrite: true);
    }

    public static async Task WriteBytesAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path + ".partial", content, cancellationToken);
        File.Move(path + ".partial", path, overwrite: true);
    }
}
