using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// Several properties of one JSON object found in one walk over its properties, each as
/// <see cref="JsonPath.TryGetProperty"/> finds it (its exact spelling wherever it stands, the later of two exact ones
/// as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> answers; else its first spelling in another
/// case), instead of one or two walks a name (a name that is absent, or in another case, was walked past twice).
/// An object with a name written with an escape (two spellings of one name) has each name looked up on its own.
/// </summary>
public sealed class PropertyWalk
{
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;

    /// <summary>Up to 32 names (one bit each).</summary>
    public PropertyWalk(params string[] names)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(names.Length, 32);
        _names = names;
        _utf8Names = [.. names.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>Fills <paramref name="values"/>[k] with the value of the k-th name (Undefined when absent); nothing found in what is not an object.</summary>
    public void Find(JsonElement obj, Span<JsonElement> values)
    {
        values.Clear();
        if (obj.ValueKind != JsonValueKind.Object || TryWalk(obj, values))
        {
            return;
        }
        values.Clear();
        for (var k = 0; k < _names.Length; k++)
        {
            if (JsonPath.TryGetProperty(obj, _names[k], out var value))
            {
                values[k] = value;
            }
        }
    }

    /// <summary>One walk over the object's properties; false when a name has an escape (only its text can say what it spells).</summary>
    private bool TryWalk(JsonElement obj, Span<JsonElement> values)
    {
        var exact = 0u;
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                return false;
            }
            for (var k = 0; k < _utf8Names.Length; k++)
            {
                var name = _utf8Names[k];
                if (raw.Length != name.Length)
                {
                    continue;
                }
                if (raw.SequenceEqual(name))
                {
                    values[k] = property.Value;
                    exact |= 1u << k;
                }
                else if ((exact & (1u << k)) == 0 && values[k].ValueKind == JsonValueKind.Undefined && Ascii.EqualsIgnoreCase(raw, name))
                {
                    values[k] = property.Value;
                }
            }
        }
        return true;
    }
}
