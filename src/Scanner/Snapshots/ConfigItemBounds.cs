using System.Numerics;
using System.Runtime.Intrinsics;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Where the items of a Config file's list lie, found by their braces and strings rather than by reading every token
/// (a validating pass over every byte cost the floor as much again as the items' own parse). It checks nothing inside
/// an item: each is parsed on its own after (<see cref="ConfigItemParsing"/>), and that parse refuses whatever is not
/// one JSON value from its first brace to its last. An item it accepts was found where a reader finds it: in valid
/// JSON, braces and quotes outside strings are the text's structure, and an escape in a string hides the byte after it.
/// What lies between items is checked here, exactly: JSON's whitespace, one comma between two items, none after the last.
/// </summary>
internal static class ConfigItemBounds
{
    /// <summary>How many bytes one step looks at: the bits of one mask.</summary>
    private const int Step = 32;

    /// <summary>
    /// Where the value opening with the bracket at <paramref name="data"/>[0] ends: the index after its closing
    /// bracket, or -1 when <paramref name="data"/> ends first. It looks at 32 bytes a step, then only at the quotes,
    /// backslashes and brackets among them, in order: a quote opens or ends a string; in a string, a backslash hides
    /// the byte after it and brackets are text; outside, brackets nest.
    /// </summary>
    public static int End(ReadOnlySpan<byte> data)
    {
        var depth = 0;
        var inString = false;
        var hiddenUpTo = 0;
        for (var at = 0; at < data.Length; at += Step)
        {
            var stops = Stops(data, at);
            while (stops != 0)
            {
                var i = at + BitOperations.TrailingZeroCount(stops);
                stops &= stops - 1;
                if (i < hiddenUpTo)
                {
                    continue;
                }
                var b = data[i];
                if (inString)
                {
                    if (b == '"')
                    {
                        inString = false;
                    }
                    else if (b == '\\')
                    {
                        hiddenUpTo = i + 2;
                    }
                }
                else if (b == '"')
                {
                    inString = true;
                }
                else if (b is (byte)'{' or (byte)'[')
                {
                    depth++;
                }
                else if (b is (byte)'}' or (byte)']' && --depth == 0)
                {
                    return i + 1;
                }
                // A backslash outside a string: the item's own parse refuses it.
            }
        }
        return -1;
    }

    /// <summary>One bit for each quote, backslash and bracket among the <see cref="Step"/> bytes from <paramref name="at"/>.</summary>
    private static uint Stops(ReadOnlySpan<byte> data, int at)
    {
        if (Vector256.IsHardwareAccelerated && data.Length - at >= Step)
        {
            var bytes = Vector256.Create(data.Slice(at, Step));
            // '{' and '[' differ only in the bit 0x20, as '}' and ']' do.
            var folded = bytes | Vector256.Create((byte)0x20);
            var hits = Vector256.Equals(bytes, Vector256.Create((byte)'"'))
                | Vector256.Equals(bytes, Vector256.Create((byte)'\\'))
                | Vector256.Equals(folded, Vector256.Create((byte)'{'))
                | Vector256.Equals(folded, Vector256.Create((byte)'}'));
            return hits.ExtractMostSignificantBits();
        }
        var stops = 0u;
        var end = Math.Min(Step, data.Length - at);
        for (var k = 0; k < end; k++)
        {
            if (data[at + k] is (byte)'"' or (byte)'\\' or (byte)'{' or (byte)'}' or (byte)'[' or (byte)']')
            {
                stops |= 1u << k;
            }
        }
        return stops;
    }

    /// <summary>Where the first byte at or after <paramref name="at"/> that is not JSON's whitespace stands (the length when none).</summary>
    public static int SkipWhitespace(ReadOnlySpan<byte> data, int at)
    {
        while (at < data.Length && data[at] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            at++;
        }
        return at;
    }
}
