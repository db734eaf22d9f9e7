using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Writes snapshot files in AWS's own output shapes, for <c>collect</c> and the demo alike. Every file
/// is written under a temporary name and takes its real name only when complete: a file in a snapshot
/// is always whole, and what failed half-way leaves no file, only a gap.
/// </summary>
internal static class SnapshotWriter
{
    /// <summary>
    /// Compact, like the files AWS delivers. The relaxed encoder writes '&lt;', '&gt;', '&amp;' and '+' as AWS does,
    /// unescaped: these are data files, never embedded in HTML, and a hostile tag must arrive as its author wrote it.
    /// </summary>
    public static readonly JsonWriterOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>For the files a person reads: collection.json, the demo's manifest, what <c>collect</c> saves.</summary>
    public static readonly JsonWriterOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    /// <summary>
    /// For what <c>collect</c> saves of AWS's answers: the default encoder, which keeps every escape the
    /// readers' tests compare byte for byte with what was served.
    /// </summary>
    private static readonly JsonWriterOptions Collected = new() { Indented = true };

    private static readonly JsonWriterPool CollectedWriters = new(Collected);

    private const string Partial = ".partial";

    /// <summary>
    /// A file for a streaming writer, with a buffer big enough that writes go out in large blocks; it appears
    /// under <paramref name="path"/> when the returned stream is disposed.
    /// </summary>
    public static Stream Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new CompletingStream(path);
    }

    /// <summary>Writes <c>{"<paramref name="property"/>": [items...]}</c>; returns how many items it wrote.</summary>
    public static async Task<int> WriteListAsync(string path, string property, IAsyncEnumerable<JsonElement> items, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + Partial;
        var json = CollectedWriters.Rent();
        try
        {
            var count = 0;
            using (var file = File.OpenHandle(partial, FileMode.Create, FileAccess.Write))
            {
                json.Writer.WriteStartObject();
                json.Writer.WriteStartArray(property);
                await using var list = items.GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    var next = list.MoveNextAsync();
                    if (!next.IsCompleted)
                    {
                        // The next page is awaited: what is written goes to the file and the buffer back to the pool meanwhile.
                        json.Release(file);
                    }
                    if (!await next)
                    {
                        break;
                    }
                    list.Current.WriteTo(json.Writer);
                    count++;
                    if (json.Unwritten > 64 * 1024)
                    {
                        json.WriteTo(file);
                    }
                }
                json.Writer.WriteEndArray();
                json.Writer.WriteEndObject();
                json.WriteTo(file);
            }
            File.Move(partial, path, overwrite: true);
            return count;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        finally
        {
            CollectedWriters.Return(json);
        }
    }

    public static Task WriteJsonAsync(string path, JsonElement value, CancellationToken cancellationToken)
    {
        var json = CollectedWriters.Rent();
        try
        {
            value.WriteTo(json.Writer);
            WriteWhole(path, json);
        }
        finally
        {
            CollectedWriters.Return(json);
        }
        return Task.CompletedTask;
    }

    /// <summary>The JSON written so far as PATH.partial, in one write, then renamed to PATH.</summary>
    private static void WriteWhole(string path, JsonWriterPool.Lease json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + Partial;
        try
        {
            using (var file = File.OpenHandle(partial, FileMode.Create, FileAccess.Write))
            {
                json.WriteTo(file);
            }
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public static async Task WriteBytesAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path + Partial, content, cancellationToken);
        File.Move(path + Partial, path, overwrite: true);
    }

    /// <summary>A file stream on PATH.partial that renames itself to PATH once closed.</summary>
    private sealed class CompletingStream(string path)
        : FileStream(path + Partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)
    {
        private bool _completed;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                Complete();
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Complete();
        }

        private void Complete()
        {
            if (!_completed)
            {
                _completed = true;
                File.Move(path + Partial, path, overwrite: true);
            }
        }
    }
}
