using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

internal static partial class PolicyReader
{
    /// <summary>
    /// A policy kept as a JSON string (a topic's, a queue's, a trust policy as IAM returns it), read from the string's own
    /// bytes: unescaped into a rented buffer and parsed there, without a string of the text or its transcoding back to
    /// UTF-8. Null when only the text can say: a string that is not valid UTF-8 once unescaped, that is trimmed of more
    /// than ASCII white space, that may be URL-encoded (<see cref="Decode"/>), or that is not valid JSON; the string's
    /// path then answers, or throws, as it always did.
    /// </summary>
    private static PolicyDocument? ReadUtf8(JsonElement element, string? name, int depth)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            if (!JsonPath.TryUnescape(raw, rented, out var length))
            {
                return null;
            }
            var (start, end) = (0, length);
            while (start < end && IsAsciiWhiteSpace(rented[start]))
            {
                start++;
            }
            while (end > start && IsAsciiWhiteSpace(rented[end - 1]))
            {
                end--;
            }
            // What string.Trim would take off past ASCII (a no-break space), and a text Decode would URL-decode, are the string's to read.
            if (end == start || rented[start] is not ((byte)'{' or (byte)'[' or (byte)'"') || rented[end - 1] >= 0x80)
            {
                return null;
            }
            try
            {
                using var json = JsonDocument.Parse(rented.AsMemory(start, end - start));
                return Read(json.RootElement, name, depth, ownParse: true);
            }
            catch (JsonException)
            {
                return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsAsciiWhiteSpace(byte b) => b < 0x80 && char.IsWhiteSpace((char)b);
}
