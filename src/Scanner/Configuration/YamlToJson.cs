using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Turns a YAML document into JSON, so that guardrails.yaml reaches rules as the same JSON values a
/// rule fixture uses: unquoted numbers and booleans become JSON numbers and booleans, quoted
/// scalars stay strings (an external id "0123" must not lose its leading zero).
/// </summary>
internal static class YamlToJson
{
    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(entry =>
            KeyValuePair.Create(((YamlScalarNode)entry.Key).Value ?? "", Convert(entry.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar) => Scalar(scalar.Value ?? "", scalar.Style);

    public static JsonNode? Scalar(string text, ScalarStyle style)
    {
        if (style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        // Account ids are twelve digits and may start with 0: they stay strings.
        if (text.Length < 12 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }

    public static JsonElement ToElement(JsonNode? node) =>
        JsonDocument.Parse(node?.ToJsonString() ?? "null").RootElement.Clone();
}
