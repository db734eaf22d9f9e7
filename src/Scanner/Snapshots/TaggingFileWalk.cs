using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// A Tagging API file read in one pass of a <see cref="Utf8JsonReader"/> over its bytes: no document is built, its keys
/// are not walked again for duplicates, and each tag's key and value is found in the account's copies from its bytes.
/// Only a plainly written file is read so (its object's list <c>ResourceTagMappingList</c>, written so, beside plain
/// values; each mapping only its <c>ResourceARN</c> and its list of <c>Tags</c>; each tag only <c>Key</c> and
/// <c>Value</c>, as text without an escape within the limit, a value also null or absent; no key twice, no escape in
/// any key), and only when every mapping is one <see cref="TaggingFiles"/> keeps. Anything else, and any fault,
/// gives null: the file is parsed as a document as before, which decides what it holds and words any refusal.
/// </summary>
internal static class TaggingFileWalk
{
    private const string ListName = "ResourceTagMappingList";

    /// <summary>The mappings <see cref="TaggingFiles"/> reads from the file, in its order; null when it is not plainly written or is refused.</summary>
    public static List<(string Arn, IReadOnlyDictionary<string, string> Tags)>? TryRead(ReadOnlySpan<byte> json, string? account, InputLimits limits,
        SharedStrings? shared)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = limits.MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            var result = Root(ref reader, account, limits, shared is null ? null : new Texts(shared));
            // What follows the root must be nothing (the reader refuses anything else).
            return result is not null && !reader.Read() ? result : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // Not JSON, or limits the reader cannot take: the document's parse words it.
            return null;
        }
    }

    /// <summary>The file's object: the list once, any other key a plain value once.</summary>
    private static List<(string, IReadOnlyDictionary<string, string>)>? Root(ref Utf8JsonReader reader, string? account, InputLimits limits, Texts? shared)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        List<(string, IReadOnlyDictionary<string, string>)>? result = null;
        List<string>? others = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }
            if (reader.ValueSpan.SequenceEqual("ResourceTagMappingList"u8))
            {
                if (result is not null || !reader.Read() || reader.TokenType != JsonTokenType.StartArray || (result = List(ref reader, account, limits, shared)) is null)
                {
                    return null;
                }
                continue;
            }
            // A recorded response's status_code (its data is the body), a name the list's lookup could take for it, or one
            // met twice: the document's read decides.
            var name = Encoding.UTF8.GetString(reader.ValueSpan);
            others ??= [];
            if (name == "status_code" || name.Equals(ListName, StringComparison.OrdinalIgnoreCase) || others.Contains(name, StringComparer.Ordinal))
            {
                return null;
            }
            others.Add(name);
            if (!reader.Read() || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                return null;
            }
        }
        return reader.TokenType == JsonTokenType.EndObject ? result : null;
    }

    /// <summary>The list's mappings, the reader left on its end.</summary>
    private static List<(string, IReadOnlyDictionary<string, string>)>? List(ref Utf8JsonReader reader, string? account, InputLimits limits, Texts? shared)
    {
        var result = new List<(string, IReadOnlyDictionary<string, string>)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (Mapping(ref reader, account, limits, shared) is not { } mapping)
            {
                return null;
            }
            result.Add(mapping);
        }
        return reader.TokenType == JsonTokenType.EndArray ? result : null;
    }

    /// <summary>One mapping, its ARN one <see cref="TaggingFiles"/> keeps (trimmed, an ARN, of the account); null for any other.</summary>
    private static (string, IReadOnlyDictionary<string, string>)? Mapping(ref Utf8JsonReader reader, string? account, InputLimits limits, Texts? shared)
    {
        string? arn = null;
        Dictionary<string, string>? tags = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }
            if (reader.ValueSpan.SequenceEqual("ResourceARN"u8) && arn is null)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return null;
                }
                arn = Encoding.UTF8.GetString(reader.ValueSpan);
            }
            else if (reader.ValueSpan.SequenceEqual("Tags"u8) && tags is null)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || (tags = Tags(ref reader, limits, shared)) is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }
        if (arn is null || tags is null || reader.TokenType != JsonTokenType.EndObject)
        {
            return null;
        }
        // As TaggingFiles words its refusals: AWS's documentation shows an ARN with a leading space; another account's is refused.
        arn = arn.Trim();
        if (arn.Length == 0 || !Attribution.TryAccountOf(arn, out var named)
            || (account is not null && named.Length > 0 && !named.SequenceEqual(account)))
        {
            return null;
        }
        return (arn, tags);
    }

    /// <summary>A list of plain tags (as <see cref="TagLists"/> reads them in one pass), the reader left on its end.</summary>
    private static Dictionary<string, string>? Tags(ref Utf8JsonReader reader, InputLimits limits, Texts? shared)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? key = null, value = null;
            bool hasKey = false, hasValue = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped)
                {
                    return null;
                }
                if (reader.ValueSpan.SequenceEqual("Key"u8) && !hasKey)
                {
                    hasKey = true;
                    if (!reader.Read() || (key = Text(ref reader, limits, shared)) is null)
                    {
                        return null;
                    }
                }
                else if (reader.ValueSpan.SequenceEqual("Value"u8) && !hasValue)
                {
                    hasValue = true;
                    if (!reader.Read() || (value = reader.TokenType == JsonTokenType.Null ? "" : Text(ref reader, limits, shared)) is null)
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }
            }
            if (key is null || reader.TokenType != JsonTokenType.EndObject)
            {
                return null;
            }
            result[key] = value ?? "";
        }
        return reader.TokenType == JsonTokenType.EndArray ? result : null;
    }

    /// <summary>
    /// A string without an escape whose JSON text, quoted, is within the tag limit (as <see cref="TagLists"/> measures it),
    /// as the account's copy; null for any other value.
    /// </summary>
    private static string? Text(ref Utf8JsonReader reader, InputLimits limits, Texts? shared)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length + 2 > limits.MaxTagLength)
        {
            return null;
        }
        return shared is null ? Encoding.UTF8.GetString(reader.ValueSpan) : shared.Of(reader.ValueSpan);
    }

    /// <summary>
    /// The account's copies of the texts of one file, those met again found by their bytes before any is turned into
    /// characters: a file's tags are mostly the same few texts (a text met once, a resource's own name, keeps no bytes).
    /// </summary>
    private sealed class Texts(SharedStrings shared)
    {
        private const int Slots = 1024;
        private const int MaxBytes = 64;
        private readonly (byte[]? Utf8, string Text)[] _recent = new (byte[]?, string)[Slots];

        public string Of(ReadOnlySpan<byte> raw)
        {
            if (raw.Length > MaxBytes)
            {
                return shared.Of(raw);
            }
            ref var slot = ref _recent[(int)(XxHash3.HashToUInt64(raw) % Slots)];
            if (slot.Utf8 is { } bytes && raw.SequenceEqual(bytes))
            {
                return slot.Text;
            }
            var text = shared.Of(raw, out var held);
            if (held)
            {
                slot = (raw.ToArray(), text);
            }
            return text;
        }
    }
}
