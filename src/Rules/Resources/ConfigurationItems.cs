using System.Collections.Immutable;
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
    public static Resource ToResource(JsonElement item)
    {
        item = JsonPath.Unwrap(item);
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a configuration item must be a JSON object");
        }
        var type = Text(item, "resourceType") ?? throw new FormatException("the configuration item has no resourceType");
        var name = Text(item, "resourceName");
        var id = Text(item, "resourceId") ?? name ?? throw new FormatException($"the {type} configuration item has no resourceId");
        var account = Text(item, "awsAccountId") ?? Text(item, "accountId") ?? throw new FormatException($"the {type} configuration item {id} has no account id");
        var region = Text(item, "awsRegion") ?? "global";
        var arn = (Text(item, "ARN") ?? Text(item, "arn"))?.Trim();
        return new Resource
        {
            Type = type,
            Arn = string.IsNullOrEmpty(arn) ? SyntheticArn(type, region, account, id) : arn,
            Id = id,
            Name = name ?? "",
            AccountId = account,
            Region = region,
            Tags = Tags(JsonPath.Find(item, "tags")),
            Configuration = JsonPath.Find(item, "configuration") is { } configuration ? JsonPath.Unwrap(configuration) : default,
            SupplementaryConfiguration = Supplementary(JsonPath.Find(item, "supplementaryConfiguration")),
            Relationships = Relationships(JsonPath.Find(item, "relationships")),
        };
    }

    /// <summary>
    /// Tags as AWS gives them: <c>{"k": "v"}</c>, or a list of <c>{"key"|"Key", "value"|"Value"}</c>. <paramref name="keep"/>,
    /// when given, picks the copy of each key and value to hold (a reader keeps the same few strings once).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Tags(JsonElement? tags, Func<string, string>? keep = null)
    {
        keep ??= Same;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tags is not { } element)
        {
            return result;
        }
        element = JsonPath.Unwrap(element);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in element.EnumerateObject())
            {
                result[keep(tag.Name)] = keep(tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText());
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in element.EnumerateArray())
            {
                if (Text(tag, "key") is { } key)
                {
                    result[keep(key)] = keep(Text(tag, "value") ?? "");
                }
            }
        }
        return result;
    }

    private static string Same(string text) => text;

    private static Dictionary<string, JsonElement> Supplementary(JsonElement? supplementary)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        if (supplementary is { ValueKind: JsonValueKind.Object } element)
        {
            foreach (var entry in element.EnumerateObject())
            {
                result[entry.Name] = JsonPath.Unwrap(entry.Value);
            }
        }
        return result;
    }

    /// <summary>Made immutable here, so that the resource keeps this list rather than copying it (<see cref="Frozen.List"/>).</summary>
    private static ImmutableArray<Relationship> Relationships(JsonElement? relationships)
    {
        if (relationships is not { ValueKind: JsonValueKind.Array } list)
        {
            return [];
        }
        var result = ImmutableArray.CreateBuilder<Relationship>(list.GetArrayLength());
        foreach (var r in list.EnumerateArray())
        {
            result.Add(new Relationship(
                Text(r, "relationshipName") ?? Text(r, "name") ?? "",
                Text(r, "resourceType"),
                Text(r, "resourceId"),
                Text(r, "resourceName")));
        }
        return result.MoveToImmutable();
    }

    private static string? Text(JsonElement element, string name) =>
        JsonPath.TryGetProperty(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Some types carry no ARN in Config; a stable made-up one keeps the finding's identity.</summary>
    private static string SyntheticArn(string type, string region, string account, string id)
    {
        var parts = type.Split("::");
        var service = parts.Length > 1 ? parts[1].ToLowerInvariant() : "unknown";
        var kind = parts.Length > 2 ? parts[2].ToLowerInvariant() : "resource";
        return $"arn:aws:{service}:{(region == "global" ? "" : region)}:{account}:{kind}/{id}";
    }
}
