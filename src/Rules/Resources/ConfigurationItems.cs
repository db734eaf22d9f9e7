using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// Reads an AWS Config configuration item into a <see cref="Resource"/>, in every shape AWS hands one
/// out: a configuration snapshot or history file (<c>ARN</c>, <c>awsAccountId</c>, tags as an object),
/// <c>batch-get-resource-config</c> (<c>arn</c>, <c>accountId</c>, configuration as a JSON string) and
/// <c>select-resource-config</c> (tags as a list of key/value pairs).
/// </summary>
public static class ConfigurationItems
{
    /// <summary>
    /// The resource, or a <see cref="FormatException"/> naming what is missing. Its configuration points
    /// into the item's document rather than copying it (a snapshot's items are most of what a scan
    /// allocates): keep that document undisposed while the resource is used, or pass a clone.
    /// </summary>
    public static Resource ToResource(JsonElement item) => ToResource(item, copied: false);

    /// <summary>
    /// As <see cref="ToResource(JsonElement)"/>, but the resource keeps its own copy of the configuration and the
    /// supplementary configuration, the only parts of the item it points into (the identity, tags and relationships
    /// are read into strings): the item's document may be disposed after, and the rest of the item is not copied.
    /// </summary>
    public static Resource ToOwnResource(JsonElement item) => ToResource(item, copied: true);

    private static Resource ToResource(JsonElement item, bool copied)
    {
        item = JsonPath.Unwrap(item);
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a configuration item must be a JSON object");
        }
        return ToResource(ConfigItemFields.Of(item), copied);
    }

    /// <summary>
    /// As <see cref="ToResource(JsonElement)"/> (or <see cref="ToOwnResource"/> when <paramref name="copied"/>), from the
    /// item's fields already found (<see cref="ConfigItemFields.Of"/>): a reader that checks them first walks the item once.
    /// </summary>
    public static Resource ToResource(in ConfigItemFields item, bool copied) => ToResource(item, copied, configurationText: null);

    /// <summary>
    /// As <see cref="ToResource(in ConfigItemFields, bool)"/> with <c>copied</c>, for an item parsed with
    /// <paramref name="maxDepth"/> whose document is disposed after. The configuration (an object or a list) of a type no
    /// rule reads (<paramref name="reads"/>) is kept as its text, parsed when first read (<see cref="Resources.ConfigurationText"/>);
    /// any other is copied parsed, so that no configuration a rule reads is parsed twice. <paramref name="whileParsed"/> is
    /// asked of the resource before this returns, while a configuration kept as text is still read from the item's
    /// document (asked after, it would parse it at once); its answer is <paramref name="answer"/>.
    /// </summary>
    public static Resource ToOwnResource<T>(in ConfigItemFields item, int maxDepth, ConfigurationReads reads, Func<Resource, T> whileParsed, out T answer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        var text = item[ConfigItemFields.Configuration] is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } configuration
                   && SharedTextOf(item[ConfigItemFields.ResourceType]) is { } type && !reads.Reads(type)
            ? new ConfigurationText(JsonMarshal.GetRawUtf8Value(configuration).ToArray(), maxDepth, configuration)
            : null;
        try
        {
            var resource = ToResource(item, copied: true, text);
            answer = whileParsed(resource);
            return resource;
        }
        finally
        {
            text?.Detach();
        }
    }

    private static Resource ToResource(in ConfigItemFields item, bool copied, ConfigurationText? configurationText)
    {
        var type = SharedTextOf(item[ConfigItemFields.ResourceType]) ?? throw new FormatException("the configuration item has no resourceType");
        var name = Text(item[ConfigItemFields.ResourceName]);
        var id = Text(item[ConfigItemFields.ResourceId]) ?? name ?? throw new FormatException($"the {type} configuration item has no resourceId");
        var account = SharedTextOf(item[ConfigItemFields.AwsAccountId]) ?? SharedTextOf(item[ConfigItemFields.AccountId])
            ?? throw new FormatException($"the {type} configuration item {id} has no account id");
        var region = SharedTextOf(item[ConfigItemFields.AwsRegion]) ?? "global";
        var arn = (Text(item[ConfigItemFields.UpperArn]) ?? Text(item[ConfigItemFields.LowerArn]))?.Trim();
        return new Resource
        {
            Type = type,
            Arn = string.IsNullOrEmpty(arn) ? SyntheticArn(type, region, account, id) : arn,
            Id = id,
            Name = name ?? "",
            AccountId = account,
            Region = region,
            Tags = FrozenTags(item[ConfigItemFields.Tags]),
            // Set first: the text, when there is one, takes its place.
            Configuration = configurationText is null && item[ConfigItemFields.Configuration] is { } configuration
                ? JsonPath.Unwrap(copied ? configuration.Clone() : configuration)
                : default,
            ConfigurationText = configurationText,
            SupplementaryConfiguration = FrozenSupplementary(item[ConfigItemFields.SupplementaryConfiguration] is { ValueKind: JsonValueKind.Object } supplementary
                ? copied ? supplementary.Clone() : supplementary
                : null),
            Relationships = Relationships(item[ConfigItemFields.Relationships]),
        };
    }

    /// <summary>
    /// Tags as AWS gives them: <c>{"k": "v"}</c>, or a list of <c>{"key"|"Key", "value"|"Value"}</c>. <paramref name="keep"/>,
    /// when given, picks the copy of each key and value to hold (a reader keeps the same few strings once).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Tags(JsonElement? tags, Func<string, string>? keep = null)
    {
        var result = new Dictionary<string, string>(Count(tags), StringComparer.Ordinal);
        AddTags(result, tags, keep ?? Same);
        return result;
    }

    // A resource keeps only a read-only copy of its tags and supplementary configuration (Frozen, FewKeys): an item's are
    // read into one builder per thread and copied from it, rather than into a dictionary made for each of a million items.
    [ThreadStatic]
    private static Dictionary<string, string>? _tagBuilder;

    [ThreadStatic]
    private static Dictionary<string, JsonElement>? _supplementaryBuilder;

    // Each made into a FewKeys of the thread's shape for its keys, not a FrozenDictionary of its own (the same order).
    [ThreadStatic]
    private static KeyShapes? _tagShapes;

    [ThreadStatic]
    private static KeyShapes? _supplementaryShapes;

    private static IReadOnlyDictionary<string, string> FrozenTags(JsonElement? tags)
    {
        var builder = _tagBuilder ??= new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            AddTags(builder, tags, Same);
            return builder.Count == 0 ? FrozenDictionary<string, string>.Empty : FewKeys<string>.Of(builder, StringComparer.Ordinal, _tagShapes ??= new());
        }
        finally
        {
            Reuse(ref _tagBuilder, builder);
        }
    }

    /// <summary>How many tags there are, for the dictionary's size (an object's properties, a list's pairs).</summary>
    private static int Count(JsonElement? tags) => tags is { } element ? JsonPath.Unwrap(element) switch
    {
        { ValueKind: JsonValueKind.Object } tagObject => tagObject.GetPropertyCount(),
        { ValueKind: JsonValueKind.Array } tagList => tagList.GetArrayLength(),
        _ => 0,
    } : 0;

    private static void AddTags(Dictionary<string, string> result, JsonElement? tags, Func<string, string> keep)
    {
        if (tags is not { } element)
        {
            return;
        }
        element = JsonPath.Unwrap(element);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in element.EnumerateObject())
            {
                result[keep(SharedText.NameOf(tag))] = keep(tag.Value.ValueKind == JsonValueKind.String ? SharedText.Of(tag.Value) : tag.Value.GetRawText());
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in element.EnumerateArray())
            {
                if (SharedTextOf(tag, "key") is { } key)
                {
                    result[keep(key)] = keep(SharedTextOf(tag, "value") ?? "");
                }
            }
        }
    }

    private static string Same(string text) => text;

    private static IReadOnlyDictionary<string, JsonElement> FrozenSupplementary(JsonElement? supplementary)
    {
        if (supplementary is not { ValueKind: JsonValueKind.Object } element)
        {
            return FrozenDictionary<string, JsonElement>.Empty;
        }
        var builder = _supplementaryBuilder ??= new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var entry in element.EnumerateObject())
            {
                builder[entry.Name] = JsonPath.Unwrap(entry.Value);
            }
            return builder.Count == 0
                ? FrozenDictionary<string, JsonElement>.Empty
                : FewKeys<JsonElement>.Of(builder, StringComparer.OrdinalIgnoreCase, _supplementaryShapes ??= new());
        }
        finally
        {
            Reuse(ref _supplementaryBuilder, builder);
        }
    }

    /// <summary>Emptied for the next item; let go when a (hostile) item made it large, so that no thread holds that for ever.</summary>
    private static void Reuse<TValue>(ref Dictionary<string, TValue>? kept, Dictionary<string, TValue> builder)
    {
        if (builder.Count > 64)
        {
            kept = null;
            return;
        }
        builder.Clear();
    }

    /// <summary>None, boxed once: a resource keeps an immutable list as it is (<see cref="Frozen.List"/>).</summary>
    private static readonly IReadOnlyList<Relationship> NoRelationships = ImmutableArray<Relationship>.Empty;

    /// <summary>
    /// Made immutable here (an array no one else holds, made an <see cref="ImmutableArray{T}"/> without a builder), so that
    /// the resource keeps this list rather than copying it (<see cref="Frozen.List"/>).
    /// </summary>
    private static IReadOnlyList<Relationship> Relationships(JsonElement? relationships)
    {
        if (relationships is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() is not (> 0 and var count))
        {
            return NoRelationships;
        }
        var result = new Relationship[count];
        var fields = new RelationshipFields();
        var i = 0;
        foreach (var r in list.EnumerateArray())
        {
            // Each relationship's five names found in one walk (a million items, a few relationships each).
            RelationshipWalk.Find(r, fields);
            result[i++] = new Relationship(
                SharedTextOf(Found(fields[0])) ?? SharedTextOf(Found(fields[1])) ?? "",
                SharedTextOf(Found(fields[2])),
                Text(Found(fields[3])),
                Text(Found(fields[4])));
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }

    private static readonly PropertyWalk RelationshipWalk = new("relationshipName", "name", "resourceType", "resourceId", "resourceName");

    private static JsonElement? Found(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? null : value;

    /// <summary>A value for each of <see cref="RelationshipWalk"/>'s names.</summary>
    [InlineArray(5)]
    private struct RelationshipFields
    {
        private JsonElement _value;
    }

    /// <summary>The text of <paramref name="element"/>'s property <paramref name="name"/>, for a text read over and over: the thread's one copy of it (<see cref="SharedText"/>).</summary>
    private static string? SharedTextOf(JsonElement element, string name) =>
        JsonPath.TryGetProperty(element, name, out var value) ? SharedTextOf(value) : null;

    private static string? SharedTextOf(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text ? SharedText.Of(text) : null;

    private static string? Text(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    /// <summary>Some types carry no ARN in Config; a stable made-up one keeps the finding's identity.</summary>
    private static string SyntheticArn(string type, string region, string account, string id)
    {
        var parts = type.Split("::");
        var service = parts.Length > 1 ? parts[1].ToLowerInvariant() : "unknown";
        var kind = parts.Length > 2 ? parts[2].ToLowerInvariant() : "resource";
        return $"arn:aws:{service}:{(region == "global" ? "" : region)}:{account}:{kind}/{id}";
    }
}
