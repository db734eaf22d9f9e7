using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
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

    private static readonly string[] IdentityKeys = ["resourceType", "resourceId", "resourceName", "awsAccountId", "accountId", "awsRegion", "ARN", "arn"];

    /// <summary>One configuration item (<paramref name="where"/> names it in errors), checked as a file's every item is.</summary>
    /// <param name="copied">The resource copies what it keeps of the item (<see cref="ConfigurationItems.ToOwnResource"/>): its document may be disposed after.</param>
    public static Resource ToResource(JsonElement item, Place where, string? account, InputLimits limits, bool copied = false)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new SnapshotFormatException($"{where} is {AwsJson.Kind(item)}, not an object");
        }
        CheckIdentity(item, where);
        Attribution.CheckTags(JsonPath.Find(item, "tags"), where, limits);
        Resource resource;
        try
        {
            resource = copied ? ConfigurationItems.ToOwnResource(item) : ConfigurationItems.ToResource(item);
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

    private static readonly byte[][] IdentityNames = [.. IdentityKeys.Select(Encoding.UTF8.GetBytes)];

    /// <summary>
    /// The item's identity must be text: a number there would silently give the item another name or account. Checked
    /// as <see cref="AwsJson.CheckText"/> checks it key by key, in <see cref="IdentityKeys"/>' order, each key found as
    /// <see cref="JsonPath.TryGetProperty"/> finds it (its exact spelling, else its first spelling in another case),
    /// in one pass over the item's properties instead of one or two a key (a million items a scan). An item with a
    /// name written with an escape (two spellings of one name) is checked key by key, exactly as before.
    /// </summary>
    private static void CheckIdentity(JsonElement item, Place where)
    {
        var found = new IdentityValues();
        var exact = 0;
        foreach (var property in item.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                foreach (var key in IdentityKeys)
                {
                    AwsJson.CheckText(item, key, where);
                }
                return;
            }
            for (var k = 0; k < IdentityKeys.Length; k++)
            {
                if ((exact & (1 << k)) != 0)
                {
                    continue;
                }
                if (raw.SequenceEqual(IdentityNames[k]))
                {
                    found[k] = property.Value;
                    exact |= 1 << k;
                }
                else if (found[k].ValueKind == JsonValueKind.Undefined && raw.Length == IdentityNames[k].Length && Ascii.EqualsIgnoreCase(raw, IdentityNames[k]))
                {
                    found[k] = property.Value;
                }
            }
        }
        for (var k = 0; k < IdentityKeys.Length; k++)
        {
            if (found[k].ValueKind != JsonValueKind.Undefined)
            {
                AwsJson.CheckTextValue(found[k], IdentityKeys[k], where);
            }
        }
    }

    /// <summary>The value found for each of <see cref="IdentityKeys"/>, held on the stack.</summary>
    [InlineArray(8)]
    private struct IdentityValues
    {
        private JsonElement _value;
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
