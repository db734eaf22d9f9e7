using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Expands Fn::ForEach loops of the AWS::LanguageExtensions transform in Resources, so that the
/// buckets a loop makes are judged like any other. A loop over a list we cannot resolve becomes one
/// resource of type "Fn::ForEach", which is then reported as not assessed.
/// See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html
/// </summary>
internal static class ForEachExpansion
{
    private const string Prefix = "Fn::ForEach::";

    /// <summary>Each resource entry with the key of the loop that made it (null for a plain entry).</summary>
    public static IEnumerable<(string Id, JsonNode? Node, string? Loop)> Expand(JsonObject resources)
    {
        foreach (var (key, value) in resources)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                yield return (key, value, null);
                continue;
            }
            if (value is JsonArray { Count: 3 } loop && loop[0]?.ToString() is { } identifier && loop[1] is JsonArray items
                && items.All(i => i is JsonValue) && loop[2] is JsonObject body)
            {
                foreach (var item in items.Select(i => i!.ToString()))
                {
                    // Substituting in the JSON text covers ${Id} and &{Id} in keys and strings and { "Ref": "Id" } alike.
                    var text = body.ToJsonString()
                        .Replace("${" + identifier + "}", item, StringComparison.Ordinal)
                        .Replace("&{" + identifier + "}", item, StringComparison.Ordinal)
                        .Replace($$"""{"Ref":"{{identifier}}"}""", $"\"{item}\"", StringComparison.Ordinal);
                    foreach (var (id, resource) in (JsonNode.Parse(text) as JsonObject)!.ToList())
                    {
                        yield return (id, resource?.DeepClone(), key);
                    }
                }
                continue;
            }
            yield return (key, new JsonObject { ["Type"] = "Fn::ForEach" }, key);
        }
    }
}
