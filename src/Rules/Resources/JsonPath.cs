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
    /// AWS Config often nests JSON as a string (policy texts, ACLs): parse such a string once met, from its own
    /// bytes (<see cref="UnwrapUtf8"/>): a scan meets such a string for every bucket, a policy for every principal.
    /// </summary>
    public static JsonElement Unwrap(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return UnwrapUtf8(element) ?? UnwrapText(element);
        }
        return element;
    }

    /// <summary>
    /// A JSON string token's raw bytes (<paramref name="raw"/>, quotes included) unescaped into <paramref name="buffer"/>
    /// (at least as long as <paramref name="raw"/>); false when they do not unescape to valid UTF-8 (a lone surrogate
    /// escape), which only the string's text can answer for.
    /// </summary>
    internal static bool TryUnescape(ReadOnlySpan<byte> raw, Span<byte> buffer, out int length)
    {
        var quoted = new Utf8JsonReader(raw);
        try
        {
            quoted.Read();
            length = quoted.CopyString(buffer);
        }
        catch (InvalidOperationException)
        {
            length = 0;
            return false;
        }
        return System.Text.Unicode.Utf8.IsValid(buffer[..length]);
    }

    /// <summary>
    /// The string's text, parsed from its own bytes: unescaped into a buffer of this call and read with
    /// <see cref="JsonElement.ParseValue"/>, whose document keeps arrays of its own at their exact size, so that
    /// neither a string of the text nor a rented array left undisposed is made (a policy is unwrapped at every
    /// evaluation that reads it). Null when only the text can say (a string that cannot be unescaped as valid UTF-8):
    /// <see cref="UnwrapText"/> then answers, or throws, as it always did.
    /// </summary>
    private static JsonElement? UnwrapUtf8(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        byte[]? rented = null;
        Span<byte> buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            if (!TryUnescape(raw, buffer, out var length))
            {
                return null;
            }
            var text = buffer[..length];
            if (text.Length <= 1 || (text[0] != (byte)'{' && text[0] != (byte)'['))
            {
                return element;
            }
            var reader = new Utf8JsonReader(text);
            try
            {
                var parsed = JsonElement.ParseValue(ref reader);
                // Anything but white space after the value is not JSON, as JsonDocument.Parse would have said.
                return reader.Read() ? element : parsed;
            }
            catch (JsonException)
            {
                return element;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static JsonElement UnwrapText(JsonElement element)
    {
        var text = element.GetString();
        if (text is { Length: > 1 } && (text[0] == '{' || text[0] == '['))
        {
            try
            {
                return JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException)
            {
                return element;
            }
        }
        return element;
    }
}
