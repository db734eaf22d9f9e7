using System.Runtime.CompilerServices;
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

    private static readonly PropertyWalk Walk = new(Names);

    private Values _values;

    /// <summary>The value found for <see cref="Names"/>[<paramref name="field"/>]; null when the item has none.</summary>
    public readonly JsonElement? this[int field] => _values[field].ValueKind == JsonValueKind.Undefined ? null : _values[field];

    /// <summary>The fields of <paramref name="item"/>, a JSON object, found in one walk (<see cref="PropertyWalk"/>).</summary>
    public static ConfigItemFields Of(JsonElement item)
    {
        var fields = new ConfigItemFields();
        Walk.Find(item, fields._values);
        return fields;
    }

    /// <summary>A value for each of <see cref="Names"/>, held in the struct.</summary>
    [InlineArray(12)]
    private struct Values
    {
        private JsonElement _value;
    }
}
