using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// An account's one copy of each short text its files repeat (tag keys and values, account ids, regions), asked from
/// every core without a lock (most are met before). A JSON string already held is found from its bytes, without a
/// string made of it first: the Tagging API's files hold millions of tags, most of them the same few texts.
/// </summary>
internal sealed class SharedStrings
{
    /// <summary>Longer texts are looked up from a string of their own, as any text with an escape.</summary>
    private const int MaxLength = 128;

    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);

    /// <summary>The held copy of <paramref name="text"/>, which it becomes when none is held yet.</summary>
    public string Of(string text) => _held.GetOrAdd(text, text);

    /// <summary>The held copy of the text a JSON string value reads as (<see cref="JsonElement.GetString"/>).</summary>
    public string Of(JsonElement value)
    {
        // The raw text of a string value is quoted; without an escape, its text is its bytes as UTF-8 (which the parser checked).
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        return raw.IndexOf((byte)'\\') >= 0 ? Of(value.GetString()!) : Of(raw);
    }

    /// <summary>The held copy of the text a JSON string without an escape is written as (its bytes, valid UTF-8, unquoted).</summary>
    public string Of(ReadOnlySpan<byte> raw) => Of(raw, out _);

    /// <summary>As <see cref="Of(ReadOnlySpan{byte})"/>, and whether the text was held before (met a second time).</summary>
    public string Of(ReadOnlySpan<byte> raw, out bool held)
    {
        held = false;
        if (raw.Length > MaxLength)
        {
            return Of(Encoding.UTF8.GetString(raw));
        }
        Span<char> chars = stackalloc char[MaxLength];
        chars = chars[..Encoding.UTF8.GetChars(raw, chars)];
        held = _held.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var kept);
        return held ? kept! : Of(new string(chars));
    }
}
