using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Reads a YAML template into JSON, turning each short-form tag (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>, …)
/// into the long form CloudFormation documents for it, so that one resolver serves YAML and JSON.
/// See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
/// </summary>
internal static class YamlTemplateReader
{
    public static CfnTemplate Read(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new TemplateException(path, $"line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new TemplateException(path, "the template is not a YAML mapping");
        }
        var positions = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var key in Child(root, "Resources")?.Children.Keys ?? [])
        {
            if (key is YamlScalarNode { Value: { } id })
            {
                positions[id] = ((int)key.Start.Line, (int)key.Start.Column);
            }
        }
        return CfnTemplate.From(path, Convert(root) as JsonObject ?? [], positions);
    }

    private static YamlMappingNode? Child(YamlMappingNode map, string name) =>
        map.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: var k } && k == name).Value as YamlMappingNode;

    private static JsonNode? Convert(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        var value = Untagged(node);
        if (tag is null || !tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal))
        {
            return value;
        }
        var name = tag[1..];
        return name switch
        {
            "Ref" => new JsonObject { ["Ref"] = value },
            "Condition" => new JsonObject { ["Condition"] = value },
            // The short form of GetAtt is one string "Resource.Attribute"; the attribute may itself contain dots.
            "GetAtt" when value is JsonValue scalar && scalar.ToString() is var text && text.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot =>
                new JsonObject { ["Fn::GetAtt"] = new JsonArray(text[..dot], text[(dot + 1)..]) },
            _ => new JsonObject { ["Fn::" + name] = value },
        };
    }

    private static JsonNode? Untagged(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            // A key is a scalar in every template; a repeated key keeps the last value, as CloudFormation's own parser did.
            result[(key as YamlScalarNode)?.Value ?? key.ToString()] = Convert(value);
        }
        return result;
    }

    /// <summary>
    /// CloudFormation reads every scalar as text except booleans, and rules compare text, so numbers stay
    /// strings ("0123" account ids and "2012-10-17" versions must keep their exact spelling).
    /// </summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.Plain && IsNull(text) && scalar.Tag.IsEmpty)
        {
            return null;
        }
        if (scalar.Style is ScalarStyle.Plain && text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (scalar.Style is ScalarStyle.Plain && text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        return JsonValue.Create(text);
    }

    private static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";
}
