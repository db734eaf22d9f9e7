using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>Opens a JSON file from AWS, with errors that name the file, line and column.</summary>
internal static class AwsJson
{
    public static JsonDocument Open(string path)
    {
        try
        {
            // Parsed from the file's own bytes, which the document keeps rather than copying.
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 256 });
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

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..(cut + 1)];
    }
}
