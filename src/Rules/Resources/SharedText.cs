using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// One copy, per thread, of the short texts a scan reads over and over (a resource type, an account id, a region, a
/// tag's key and its common values, a relationship's name): a JSON string already held is found from its bytes, without
/// making a string of it first. A million Config items repeat the same few hundred. Bounded: emptied when full.
/// </summary>
internal static class SharedText
{
    /// <summary>Longer texts (ARNs, ids, policies) are rarely repeated: made as they are.</summary>
    private const int MaxLength = 64;

    private const int MaxHeld = 8192;

    [ThreadStatic]
    private static HashSet<string>? _held;

    /// <summary>The string a JSON string value reads as (<see cref="JsonElement.GetString"/>, its raw text is quoted), shared when short.</summary>
    public static string Of(JsonElement value) => Held(JsonMarshal.GetRawUtf8Value(value)[1..^1]) ?? value.GetString()!;

    /// <summary>A property's name (<see cref="JsonProperty.Name"/>, its raw text is not quoted), shared when short.</summary>
    public static string NameOf(JsonProperty property) => Held(JsonMarshal.GetRawUtf8PropertyName(property)) ?? property.Name;

    /// <summary>The held copy of the text written as <paramref name="raw"/>; null when it is long or has an escape (read it as usual).</summary>
    private static string? Held(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxLength || raw.Contains((byte)'\\'))
        {
            return null;
        }
        // A text met again lately is found by its bytes, before any is turned into characters.
        var recent = _recent ??= new Recent[RecentSlots];
        ref var slot = ref recent[Slot(raw)];
        if (slot.Utf8 is { } bytes && raw.SequenceEqual(bytes))
        {
            return slot.Text;
        }
        // Without an escape, a JSON string's text is its bytes as UTF-8 (which the parser has checked).
        Span<char> chars = stackalloc char[MaxLength];
        chars = chars[..Encoding.UTF8.GetChars(raw, chars)];
        var held = _held ??= new HashSet<string>(StringComparer.Ordinal);
        if (held.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var kept))
        {
            // Met twice: worth its bytes' copy (a text met once, a resource's own name, is not kept by its bytes).
            slot = new Recent(raw.ToArray(), kept);
            return kept;
        }
        if (held.Count >= MaxHeld)
        {
            held.Clear();
            Array.Clear(recent);
        }
        var text = new string(chars);
        held.Add(text);
        return text;
    }

    private const int RecentSlots = 4096;

    /// <summary>A held text and its bytes.</summary>
    private readonly record struct Recent(byte[] Utf8, string Text);

    [ThreadStatic]
    private static Recent[]? _recent;

    /// <summary>Where in <see cref="_recent"/> a text's bytes go: a mix of its first and last eight bytes and its length.</summary>
    private static int Slot(ReadOnlySpan<byte> raw)
    {
        ulong first, last;
        if (raw.Length >= sizeof(ulong))
        {
            first = MemoryMarshal.Read<ulong>(raw);
            last = MemoryMarshal.Read<ulong>(raw[^sizeof(ulong)..]);
        }
        else
        {
            first = 0;
            foreach (var b in raw)
            {
                first = (first << 8) | b;
            }
            last = 0;
        }
        var mixed = (first * 0x9E3779B97F4A7C15UL) ^ (last * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)raw.Length;
        return (int)((mixed ^ (mixed >> 29)) * 0x94D049BB133111EBUL >> (64 - 12));
    }
}
