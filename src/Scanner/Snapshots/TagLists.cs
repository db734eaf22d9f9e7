using System.Runtime.InteropServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// A list of tags as AWS writes it (<c>[{"Key": "k", "Value": "v"}]</c>), each tag's key and value found in one pass
/// over its properties: the Tagging API's files hold millions, and looking up "key" and "value" by name missed the
/// exact spelling of every one ("Key") before finding it in another case, once to check the tag and again to read it.
/// </summary>
internal static class TagLists
{
    private static readonly byte[] KeyName = "key"u8.ToArray();
    private static readonly byte[] ValueName = "value"u8.ToArray();

    /// <summary>
    /// A tag's key and value as <see cref="JsonPath.TryGetProperty"/> finds them (the exact spelling, else the first
    /// property spelled so in another case; Undefined when absent), in one pass. False when a name is written with an
    /// escape (two spellings of one name): the caller looks them up by name, as before.
    /// </summary>
    public static bool TryFind(JsonElement tag, out JsonElement key, out JsonElement value)
    {
        key = default;
        value = default;
        bool exactKey = false, exactValue = false;
        foreach (var property in tag.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (name.IndexOf((byte)'\\') >= 0)
            {
                return false;
            }
            Match(name, KeyName, property.Value, ref key, ref exactKey);
            Match(name, ValueName, property.Value, ref value, ref exactValue);
        }
        return true;
    }

    private static void Match(ReadOnlySpan<byte> name, byte[] wanted, JsonElement candidate, ref JsonElement found, ref bool exact)
    {
        if (exact || name.Length != wanted.Length)
        {
            return;
        }
        if (name.SequenceEqual(wanted))
        {
            found = candidate;
            exact = true;
        }
        else if (found.ValueKind == JsonValueKind.Undefined && System.Text.Ascii.EqualsIgnoreCase(name, wanted))
        {
            found = candidate;
        }
    }

    /// <summary>
    /// The tags of a Tagging API mapping, checked as <see cref="Attribution.CheckTags"/> checks them and read as
    /// <see cref="ConfigurationItems.Tags"/> reads them (each key and value the account's one copy of it), the two
    /// in one pass over a list whose tags are plain (objects, names without an escape, key and value text without
    /// one, within the length limit). Any other tags, and any fault, are checked and read as before, which words it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Read(JsonElement? tags, Place where, InputLimits limits, SharedStrings? shared)
    {
        if (tags is { ValueKind: JsonValueKind.Array } list && Plain(list, limits, shared) is { } read)
        {
            return read;
        }
        Attribution.CheckTags(tags, where, limits);
        return ConfigurationItems.Tags(tags, shared is null ? null : shared.Of);
    }

    /// <summary>The list's tags, when every one is plain; null as soon as one is not.</summary>
    private static Dictionary<string, string>? Plain(JsonElement list, InputLimits limits, SharedStrings? shared)
    {
        var result = new Dictionary<string, string>(list.GetArrayLength(), StringComparer.Ordinal);
        foreach (var tag in list.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.Object || !TryFind(tag, out var key, out var value) || !PlainText(key, limits)
                || !(value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || PlainText(value, limits)))
            {
                return null;
            }
            result[Text(key, shared)] = value.ValueKind == JsonValueKind.String ? Text(value, shared) : "";
        }
        return result;
    }

    /// <summary>A string without an escape, no longer in UTF-8 than the limit (so no longer in characters either).</summary>
    private static bool PlainText(JsonElement value, InputLimits limits)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        var raw = JsonMarshal.GetRawUtf8Value(value);
        return raw.Length <= limits.MaxTagLength && raw.IndexOf((byte)'\\') < 0;
    }

    private static string Text(JsonElement value, SharedStrings? shared) => shared is null ? value.GetString()! : shared.Of(value);
}
