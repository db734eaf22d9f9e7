using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>Case-insensitive property lookups in JSON as AWS returns it; a string that holds JSON is looked into.</summary>
public static class JsonPath
{
    public static JsonElement? Find(JsonElement root, params string[] path)
    {
        var current = root;
        foreach (var step in path)
        {
            current = Unwrap(current);
            if (current.ValueKind != JsonValueKind.Object || !TryGetProperty(current, step, out current))
            {
                return null;
            }
        }
        return current;
    }

    public static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            if (obj.TryGetProperty(name, out value))
            {
                return true;
            }
            // The name's kind, once for the properties looked past (a lookup that misses visits them all).
            var ascii = System.Text.Ascii.IsValid(name);
            foreach (var property in obj.EnumerateObject())
            {
                if (ascii ? NameEqualsIgnoreCaseAscii(property, name) : NameEqualsIgnoreCase(property, name))
                {
                    value = property.Value;
                    return true;
                }
            }
        }
        value = default;
        return false;
    }

    /// <summary>
    /// Compares the name as the document holds it, without making a string of every name looked past
    /// (a lookup that misses visits them all, and a scan makes millions of lookups).
    /// </summary>
    public static bool NameEqualsIgnoreCase(JsonProperty property, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 && System.Text.Ascii.IsValid(name)
            ? System.Text.Ascii.EqualsIgnoreCase(raw, name)
            : string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// As <see cref="NameEqualsIgnoreCase"/> for a name known to be ASCII, by length first: a name as written is never
    /// shorter than the name it spells (an escape is longer than its character), and one written without an escape
    /// matches an ASCII name only at its length.
    /// </summary>
    private static bool NameEqualsIgnoreCaseAscii(JsonProperty property, string name)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length < name.Length)
        {
            return false;
        }
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            return string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
        }
        return raw.Length == name.Length && System.Text.Ascii.EqualsIgnoreCase(raw, name);
    }

    /// <summary>
    /// AWS Config often nests JSON as a string (policy texts, ACLs): parse such a string once met. The text is parsed
    /// from its UTF-8 bytes, unescaped into a pooled buffer, into a document of its own of exactly its size: the
    /// string's text is never made (a scan meets such a string for every bucket, a policy for every principal).
    /// </summary>
    public static JsonElement Unwrap(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return element;
        }
        // The string as written, quotes included: unescaped it is no longer, and its text starts after the quote.
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var quoted = new Utf8JsonReader(raw);
        quoted.Read();
        if (!quoted.ValueIsEscaped)
        {
            return Parsed(element, quoted.ValueSpan);
        }
        var unescaped = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            // Throws as GetString does for an escape that is no character (a lone surrogate).
            var length = quoted.CopyString(unescaped);
            return Parsed(element, unescaped.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(unescaped);
        }
    }

    /// <summary>The JSON a string holds, as JsonDocument.Parse of its text reads it (default options); the string itself when it holds none.</summary>
    private static JsonElement Parsed(JsonElement element, ReadOnlySpan<byte> text)
    {
        if (text.Length < 2 || (text[0] != (byte)'{' && text[0] != (byte)'['))
        {
            return element;
        }
        try
        {
            var reader = new Utf8JsonReader(text);
            // A copy of exactly the value's bytes: it lives as long as what it is given to.
            var parsed = JsonElement.ParseValue(ref reader);
            // Anything after the value (but white space) makes the text no JSON, as for JsonDocument.Parse.
            return reader.Read() ? element : parsed;
        }
        catch (JsonException)
        {
            return element;
        }
    }
}
