using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;
using Ocado.Guardrails.Scanner.Configuration;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>
/// Reads <c>aws resourcegroupstaggingapi get-resources</c> output: ARN and tags per resource. A mapping that
/// is not one (an ARN that is a number or not an ARN, tags of another shape, another account's ARN) refuses
/// the file, so that it is a coverage gap rather than resources lost or moved without a word.
/// </summary>
internal static class TaggingFiles
{
    /// <summary>A file on its own, outside any snapshot folder: whose its ARNs are is not checked.</summary>
    public static List<(string Arn, IReadOnlyDictionary<string, string> Tags)> Read(string path) => Read(path, null, null, InputLimits.Default);

    /// <param name="shared">The copy of each tag key and value to hold (the account's); null: the file's own.</param>
    public static List<(string Arn, IReadOnlyDictionary<string, string> Tags)> Read(string path, string? root, string? account, InputLimits limits,
        SharedStrings? shared = null)
    {
        // Tagging API files are an account's largest after Config's (megabytes a region): read from a pooled buffer, nothing kept points into it.
        // A plainly written file is read in one pass of its bytes (TaggingFileWalk); any other is parsed as a document, which words a refusal.
        return AwsJson.Read(path, root, limits, bytes => TaggingFileWalk.TryRead(bytes.Span, account, limits, shared),
            document => Mappings(AwsJson.Body(document), path, account, limits, shared));
    }

    /// <summary>The file parsed as a document alone, as it was read before the walk: what the walk must give (its tests).</summary>
    internal static List<(string Arn, IReadOnlyDictionary<string, string> Tags)> ReadDocument(string path, string? root, string? account, InputLimits limits,
        SharedStrings? shared = null) =>
        AwsJson.Read(path, root, limits, document => Mappings(AwsJson.Body(document), path, account, limits, shared));

    private static List<(string Arn, IReadOnlyDictionary<string, string> Tags)> Mappings(JsonElement body, string path, string? account, InputLimits limits,
        SharedStrings? shared)
    {
        if (JsonPath.Find(body, "ResourceTagMappingList") is not { ValueKind: JsonValueKind.Array } list)
        {
            throw new SnapshotFormatException($"{path}: not Resource Groups Tagging API output: expected ResourceTagMappingList as a list");
        }
        var result = new List<(string, IReadOnlyDictionary<string, string>)>();
        var index = 0;
        foreach (var mapping in list.EnumerateArray())
        {
            var where = Place.Entry(path, "ResourceTagMappingList[", index++, "]");
            if (mapping.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotFormatException($"{where} is {AwsJson.Kind(mapping)}, not an object");
            }
            // AWS's own documentation shows an ARN with a leading space: trim, never reject.
            var arn = AwsJson.Text(mapping, "ResourceARN", where)?.Trim();
            if (string.IsNullOrEmpty(arn) || !Attribution.TryAccountOf(arn, out _))
            {
                throw new SnapshotFormatException($"{where}: ResourceARN '{arn}' is not an ARN");
            }
            if (account is not null)
            {
                Attribution.CheckArn(arn, account, where);
            }
            result.Add((arn, TagLists.Read(JsonPath.Find(mapping, "Tags"), where, limits, shared)));
        }
        return result;
    }
}
