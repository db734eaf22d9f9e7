using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Tags of a resolved resource, in either form CloudFormation uses: a list of Key/Value pairs (most
/// types) or a map (e.g. AWS::EKS::Nodegroup, AWS::SSM::Parameter). An entry dropped by
/// AWS::NoValue is simply absent; an unknown value keeps its marker text.
/// </summary>
internal static class TemplateTags
{
    public static Dictionary<string, string> Of(JsonObject properties)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (properties["Tags"])
        {
            case JsonArray list:
                foreach (var entry in list.OfType<JsonObject>())
                {
                    if (entry["Key"] is JsonValue key)
                    {
                        tags[key.ToString()] = entry["Value"]?.ToString() ?? "";
                    }
                }
                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    tags[key] = value?.ToString() ?? "";
                }
                break;
        }
        return tags;
    }
}
