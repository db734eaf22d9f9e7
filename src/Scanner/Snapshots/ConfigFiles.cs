using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads AWS Config output in every form the snapshot layout accepts: a configuration snapshot or
/// history file as delivered to S3 (<c>configurationItems</c>), <c>aws configservice
/// batch-get-resource-config</c> (<c>baseConfigurationItems</c>), <c>select-resource-config</c>
/// (<c>Results</c>, each a JSON string), a change notification (<c>configurationItem</c>), a list of
/// items, or one item.
/// </summary>
internal static class ConfigFiles
{
    public static List<Resource> Read(string path)
    {
        // Not disposed: the resources' configurations point into it, and it lives exactly as long as they do.
        var document = AwsJson.Open(path);
        var body = AwsJson.Body(document.RootElement);
        var items = Items(body, path).ToList();
        var resources = new List<Resource>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                resources.Add(ConfigurationItems.ToResource(items[i]));
            }
            catch (FormatException ex)
            {
                throw new SnapshotFormatException($"{path}: configuration item {i}: {ex.Message}", ex);
            }
        }
        return resources;
    }

    private static IEnumerable<JsonElement> Items(JsonElement body, string path)
    {
        if (body.ValueKind == JsonValueKind.Array)
        {
            return body.EnumerateArray();
        }
        foreach (var key in new[] { "configurationItems", "baseConfigurationItems", "Results", "ConfigurationItems" })
        {
            if (JsonPath.Find(body, key) is { ValueKind: JsonValueKind.Array } list)
            {
                return list.EnumerateArray();
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
