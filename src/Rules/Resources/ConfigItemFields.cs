using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// The properties of a configuration item that a <see cref="Resource"/> is read from (<see cref="Names"/>), each found
/// as <see cref="JsonPath.TryGetProperty"/> finds it (its exact spelling wherever it stands, else its first spelling
/// in another case), in one walk over the item's properties instead of one or two walks a name: a scan reads a
/// million items, and an absent name (most items have no <c>resourceName</c>) was walked past twice. An item with a
/// name written with an escape (two spellings of one name) has each name looked up on its own, exactly as before.
/// </summary>
public struct ConfigItemFields
{
    /// <summary>The names looked for; the first eight are the item's identity, which must be text.</summary>
    public static readonly string[] Names =
    [
        "resourceType", "resourceId", "resourceName", "awsAccountId", "accountId", "awsRegion", "ARN", "arn",
        "tags", "configuration", "supplementaryConfiguration", "relationships",
    ];

    /// <summary>How many of <see cref="Names"/> are the item's identity.</summary>
    public const int IdentityCount = 8;

    public const int ResourceType = 0, ResourceId = 1, ResourceName = 2, AwsAccountId = 3, AccountId = 4, AwsRegion = 5, UpperArn = 6, LowerArn = 7,
        Tags = 8, Configuration = 9, SupplementaryConfiguration = 10, Relationships = 11;

    private static readonly byte[][] Utf8Names = [.. Names.Select(Encoding.UTF8.GetBytes)];

    private Values _values;

    /// <summary>The value found for <see cref="Names"/>[<paramref name="field"/>]; null when the item has none.</summary>
    public readonly JsonElement? this[int field] => _values[field].ValueKind == JsonValueKind.Undefined ? null : _values[field];

    /// <summary>The fields of <paramref name="item"/>, a JSON object.</summary>
    public static ConfigItemFields Of(JsonElement item)
    {
        var fields = new ConfigItemFields();
        if (!fields.TryWalk(item))
        {
            fields = new ConfigItemFields();
            for (var k = 0; k < Names.Length; k++)
            {
                if (JsonPath.TryGetProperty(item, Names[k], out var value))
                {
                    fields._values[k] = value;
                }
            }
        }
        return fields;
    }

    /// <summary>One walk over the item's properties; false when a name has an escape (only its text can say what it spells).</summary>
    private bool TryWalk(JsonElement item)
    {
        var exact = 0;
        foreach (var property in item.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                return false;
            }
            for (var k = 0; k < Utf8Names.Length; k++)
            {
                var name = Utf8Names[k];
                if (raw.Length != name.Length)
                {
                    continue;
                }
                if (raw.SequenceEqual(name))
                {
                    // JsonElement.TryGetProperty answers the last of two exact spellings (a parse that allows them).
                    _values[k] = property.Value;
                    exact |= 1 << k;
                }
                else if ((exact & (1 << k)) == 0 && _values[k].ValueKind == JsonValueKind.Undefined && Ascii.EqualsIgnoreCase(raw, name))
                {
                    _values[k] = property.Value;
                }
            }
        }
        return true;
    }

    /// <summary>A value for each of <see cref="Names"/>, held in the struct.</summary>
    [InlineArray(12)]
    private struct Values
    {
        private JsonElement _value;
    }
}
