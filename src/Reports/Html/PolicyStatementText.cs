using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// Finds the policy statement a message quotes, and lays evidence out to be read. Rules name the
/// statement at fault in their message as JSON (<c>... grants {"Effect":"Allow","Principal":...}</c>);
/// the resource panel shows it on its own, indented.
/// </summary>
internal static class PolicyStatementText
{
    /// <summary>Readable, not safe: the text is shown with textContent and escaped again in the page's data.</summary>
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Messages are short; a quoted statement larger than this is not worth searching for.</summary>
    private const int MaxMessageLength = 64 * 1024;

    /// <summary>Each try parses the rest of the message; a message of many braces gives up after these.</summary>
    private const int MaxTries = 8;

    /// <summary>The first JSON object in <paramref name="message"/> that is a statement (it has an Effect), indented; else null.</summary>
    public static string? FindIn(string message)
    {
        if (message.Length > MaxMessageLength)
        {
            return null;
        }
        var tries = 0;
        for (var start = message.IndexOf('{', StringComparison.Ordinal); start >= 0 && tries++ < MaxTries; start = message.IndexOf('{', start + 1))
        {
            if (TryReadObject(message.AsSpan(start), out var element) && IsStatement(element))
            {
                return Indent(element);
            }
        }
        return null;
    }

    /// <summary>JSON evidence indented; any other text as it is.</summary>
    public static string Readable(string evidence)
    {
        try
        {
            using var document = JsonDocument.Parse(evidence);
            return Indent(document.RootElement);
        }
        catch (JsonException)
        {
            return evidence;
        }
    }

    private static bool TryReadObject(ReadOnlySpan<char> text, out JsonElement element)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        try
        {
            // One value is read and the prose after it ignored.
            if (JsonElement.TryParseValue(ref reader, out var parsed) && parsed.Value.ValueKind == JsonValueKind.Object)
            {
                element = parsed.Value;
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON from this brace: try the next one.
        }
        element = default;
        return false;
    }

    private static bool IsStatement(JsonElement element) =>
        element.EnumerateObject().Any(p => p.NameEquals("Effect") || p.NameEquals("effect") || p.NameEquals("Statement"));

    private static string Indent(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            element.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
