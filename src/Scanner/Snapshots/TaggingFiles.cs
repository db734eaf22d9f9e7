using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>Reads <c>aws resourcegroupstaggingapi get-resources</c> output: ARN and tags per resource.</summary>
internal static class TaggingFiles
{
    public static List<(string Arn, IReadOnlyDictionary<string, string> Tags)> Read(string path)
    {
        using var document = AwsJson.Open(path);
        var body = AwsJson.Body(document.RootElement);
        if (JsonPath.Find(body, "ResourceTagMappingList") is not { ValueKind: JsonValueKind.Array } list)
        {
            throw new SnapshotFormatException($"{path}: not Resource Groups Tagging API output: expected ResourceTagMappingList");
        }
        var result = new List<(string, IReadOnlyDictionary<string, string>)>();
        foreach (var mapping in list.EnumerateArray())
        {
            // AWS's own documentation shows an ARN with a leading space: trim, never reject.
            var arn = JsonPath.Find(mapping, "ResourceARN")?.GetString()?.Trim();
            if (!string.IsNullOrEmpty(arn))
            {
                result.Add((arn, ConfigurationItems.Tags(JsonPath.Find(mapping, "Tags"))));
            }
        }
        return result;
    }
}
