using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads AWS Config output in every form the snapshot layout accepts: a configuration snapshot or
/// history file as delivered to S3 (<c>configurationItems</c>), <c>aws configservice
/// batch-get-resource-config</c> (<c>baseConfigurationItems</c>), <c>select-resource-config</c>
/// (<c>Results</c>, each a JSON string), a change notification (<c>configurationItem</c>), a list of
/// items, or one item. An item that is not a configuration item, or not of the folder's account, refuses
/// the file: what it would have held becomes a coverage gap naming the file and the item.
/// </summary>
internal static class ConfigFiles
{
    /// <summary>A file on its own, outside any snapshot folder: whose its items are is not checked.</summary>
    public static List<Resource> Read(string path) => Read(path, null, null, InputLimits.Default);

    /// <param name="account">The account whose folder holds the file: every item must be its.</param>
    public static List<Resource> Read(string path, string? root, string? account, InputLimits limits)
    {
        // Not disposed: the resources' configurations point into it, and it lives exactly as long as they do.
        var document = AwsJson.Open(path, root, limits);
        var body = AwsJson.Body(document.RootElement);
        var items = Items(body, path).ToList();
        var resources = new List<Resource>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            resources.Add(ToResource(Strict(items[i], $"{path}: configuration item {i}", limits), $"{path}: configuration item {i}", account, limits));
        }
        return resources;
    }

    /// <summary>
    /// The names of a file's list of items, in the order <see cref="Items"/> looks for them (matched case-insensitively).
    /// </summary>
    public static readonly string[] ListNames = ["configurationItems", "baseConfigurationItems", "Results", "ConfigurationItems"];

    /// <summary>One configuration item (<paramref name="where"/> names it in errors), checked as a file's every item is; it points into the item's document.</summary>
    public static Resource ToResource(JsonElement item, Place where, string? account, InputLimits limits) =>
        ToResource<bool>(item, where, account, limits, ownDepth: 0, whileParsed: null, out _);

    /// <summary>
    /// As <see cref="ToResource(JsonElement, Place, string?, InputLimits)"/>; with <paramref name="ownDepth"/> (the depth
    /// the item was parsed with) the resource copies what it keeps of the item, its configuration as text parsed when
    /// first read if no rule reads its type (<see cref="InputLimits.ReadConfigurations"/>, <see cref="ConfigurationItems.ToOwnResource"/>):
    /// the item's document may be disposed after.
    /// <paramref name="whileParsed"/> is then asked of it while the document is there (<paramref name="answer"/>).
    /// </summary>
    public static Resource ToResource<T>(JsonElement item, Place where, string? account, InputLimits limits, int ownDepth, Func<Resource, T>? whileParsed, out T? answer)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new SnapshotFormatException($"{where} is {AwsJson.Kind(item)}, not an object");
        }
        // The item's fields found once, for the checks and the resource alike (a million items a scan).
        var fields = ConfigItemFields.Of(item);
        CheckIdentity(fields, where);
        Attribution.CheckTags(fields[ConfigItemFields.Tags], where, limits);
        Resource resource;
        answer = default;
        try
        {
            resource = ownDepth > 0 && whileParsed is not null
                ? ConfigurationItems.ToOwnResource(fields, ownDepth, limits.ReadConfigurations, whileParsed, out answer)
                : ConfigurationItems.ToResource(fields, copied: false);
        }
        catch (FormatException ex)
        {
            throw new SnapshotFormatException($"{where}: {ex.Message}", ex);
        }
        if (account is not null)
        {
            Attribution.Check(resource, account, where);
        }
        return resource;
    }

    /// <summary>
    /// The item's identity must be text: a number there would silently give the item another name or account. Checked
    /// as <see cref="AwsJson.CheckText"/> checks it key by key, in <see cref="ConfigItemFields.Names"/>' order, each
    /// value found as <see cref="JsonPath.TryGetProperty"/> finds it (<see cref="ConfigItemFields"/>).
    /// </summary>
    private static void CheckIdentity(in ConfigItemFields fields, Place where)
    {
        for (var k = 0; k < ConfigItemFields.IdentityCount; k++)
        {
            if (fields[k] is { } value)
            {
                AwsJson.CheckTextValue(value, ConfigItemFields.Names[k], where);
            }
        }
    }

    /// <summary>
    /// An item given as a JSON string (select-resource-config's Results) is parsed here as strictly as a file is:
    /// bounded depth, no duplicate keys.
    /// </summary>
    private static JsonElement Strict(JsonElement item, string where, InputLimits limits)
    {
        if (item.ValueKind != JsonValueKind.String)
        {
            return item;
        }
        try
        {
            return JsonDocument.Parse(item.GetString()!, new JsonDocumentOptions { MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false }).RootElement;
        }
        catch (JsonException ex)
        {
            throw new SnapshotFormatException($"{where}: a string that is not a JSON configuration item: {ex.Message}", ex);
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement body, string path)
    {
        if (body.ValueKind == JsonValueKind.Array)
        {
            return body.EnumerateArray();
        }
        foreach (var key in ListNames)
        {
            if (JsonPath.Find(body, key) is { } list)
            {
                return list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray()
                    : throw new SnapshotFormatException($"{path}: {key} is {AwsJson.Kind(list)}, not a list");
            }
        }
        if (JsonPath.Find(body, "resourceType") is not null)
        {
            return [body];
        }
        if (JsonPath.Find(body, "configurationItem") is { ValueKind: JsonValueKind.Object } notified)
        {
            // A change notification, as Config sends it to SNS and to custom rules.
            return [notified];
        }
        throw new SnapshotFormatException($"{path}: not AWS Config output: expected configurationItems, baseConfigurationItems, Results or a configuration item");
    }
}
