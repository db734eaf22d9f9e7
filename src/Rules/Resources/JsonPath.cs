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
            foreach (var property in obj.EnumerateObject())
            {
                if (NameEqualsIgnoreCase(property, name))
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

    /// <summary>AWS Config often nests JSON as a string (policy texts, ACLs): parse such a string once met.</summary>
    public static JsonElement Unwrap(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
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
        }
        return element;
    }
}
