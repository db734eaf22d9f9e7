using System.Runtime.InteropServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>Opens a JSON file from AWS, bounded and checked (<see cref="InputFile"/>), with errors that name the file, line and column.</summary>
internal static class AwsJson
{
    /// <param name="root">The snapshot the file must stay inside (a link out of it is refused); null for a file named on the command line.</param>
    public static JsonDocument Open(string path, string? root, InputLimits limits) => Parse(path, InputFile.ReadText(path, root, limits), limits);

    /// <summary>
    /// The file opened as <see cref="Open"/> opens it, its text held in a buffer from the shared pool only while
    /// <paramref name="read"/> runs: what it keeps of the document must be its own (<see cref="JsonElement.Clone"/>,
    /// strings). An element kept without a copy is refused when used (the document is disposed), never read from
    /// the buffer's next file.
    /// </summary>
    /// <param name="folder">The file's folder, checked once for the many files read from it (<see cref="InputFolder"/>).</param>
    public static T Read<T>(string path, string? root, InputLimits limits, Func<JsonElement, T> read, InputFolder? folder = null)
    {
        using var text = InputFile.ReadPooled(path, root, limits, folder);
        using var document = Parse(path, text.Memory, limits);
        return read(document.RootElement);
    }

    /// <summary>
    /// As <see cref="Read{T}(string, string?, InputLimits, Func{JsonElement, T}, InputFolder?)"/>, trying first
    /// <paramref name="fast"/> on the file's bytes (held only while it runs): its answer when not null, else the
    /// document's read, which must give what <paramref name="fast"/> would have and word what it refuses.
    /// </summary>
    public static T Read<T>(string path, string? root, InputLimits limits, Func<ReadOnlyMemory<byte>, T?> fast, Func<JsonElement, T> read) where T : class
    {
        using var text = InputFile.ReadPooled(path, root, limits);
        if (fast(text.Memory) is { } answer)
        {
            return answer;
        }
        using var document = Parse(path, text.Memory, limits);
        return read(document.RootElement);
    }

    private static JsonDocument Parse(string path, ReadOnlyMemory<byte> bytes, InputLimits limits)
    {
        try
        {
            // Parsed from the file's own bytes, which the document keeps rather than copying. A duplicate key is
            // refused: with two awsAccountId keys, which one is the account depends on who reads the file.
            return DuplicateKeys.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new SnapshotFormatException($"{path}({(ex.LineNumber ?? 0) + 1},{(ex.BytePositionInLine ?? 0) + 1}): invalid JSON: {FirstSentence(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// The body of a response: the object itself, or the <c>data</c> of a recorded response
    /// (<c>{"status_code": 200, "data": {...}}</c>, as response recorders keep them).
    /// </summary>
    public static JsonElement Body(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status_code", out _) && JsonPath.Find(root, "data") is { } data
            ? data
            : root;

    /// <summary>A property's string value; null when absent or JSON null; a <see cref="SnapshotFormatException"/> when of another kind.</summary>
    public static string? Text(JsonElement element, string name, Place where)
    {
        if (!JsonPath.TryGetProperty(element, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SnapshotFormatException($"{where}: {name} is {Kind(value)}, not a string");
    }

    /// <summary>
    /// Refuses what <see cref="Text"/> refuses (a value neither text nor null, an escape that is no character), making
    /// a string only of a value with an escape in it: a scan checks the identity of a million items this way.
    /// </summary>
    public static void CheckText(JsonElement element, string name, Place where)
    {
        if (JsonPath.TryGetProperty(element, name, out var value))
        {
            CheckTextValue(value, name, where);
        }
    }

    /// <summary>As <see cref="CheckText"/>, for the value found under <paramref name="name"/>.</summary>
    public static void CheckTextValue(JsonElement value, string name, Place where)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SnapshotFormatException($"{where}: {name} is {Kind(value)}, not a string");
        }
        if (JsonMarshal.GetRawUtf8Value(value).Contains((byte)'\\'))
        {
            value.GetString();
        }
    }

    /// <summary>How a value reads in a message: "a number", "an object".</summary>
    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..(cut + 1)];
    }
}
