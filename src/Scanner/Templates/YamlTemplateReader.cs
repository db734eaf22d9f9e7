using System.Text.Json.Nodes;
using YamlDotNet.Core;
using Ocado.Guardrails.Scanner.Configuration;
using YamlDotNet.Core.Events;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Reads a YAML template into JSON, turning each short-form tag (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>, …)
/// into the long form CloudFormation documents for it, so that one resolver serves YAML and JSON.
/// See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
/// </summary>
internal static class YamlTemplateReader
{
    /// <summary>
    /// Read from the parser's events within <see cref="InputLimits"/> (depth, aliases, values): a deep or
    /// alias-bombed template is an unreadable template, not a crashed check.
    /// </summary>
    public static CfnTemplate Read(string path, string text)
    {
        var positions = new SourceMap();
        JsonNode? root;
        try
        {
            root = new BoundedYaml(InputLimits.Default)
            {
                // A repeated key keeps the last value, as CloudFormation's own parser did.
                LastKeyWins = true,
                Tagged = ShortForm,
                Scalars = Scalar,
                KeySeen = (above, key, at) => positions.Add(above, key, (int)at.Line, (int)at.Column),
                ItemSeen = (above, index, at) => positions.Add(above, index.ToString(System.Globalization.CultureInfo.InvariantCulture), (int)at.Line, (int)at.Column),
            }.Read(text);
        }
        catch (FormatException ex)
        {
            throw new TemplateException(path, ex.Message);
        }
        if (root is not JsonObject map)
        {
            throw new TemplateException(path, "the template is not a YAML mapping");
        }
        return CfnTemplate.From(path, map, positions);
    }

    /// <summary>A short-form tag (<c>!Ref x</c>) as its long form (<c>{"Ref": "x"}</c>).</summary>
    private static JsonNode? ShortForm(string name, JsonNode? value) => name switch
    {
        "Ref" => new JsonObject { ["Ref"] = value },
        "Condition" => new JsonObject { ["Condition"] = value },
        // The short form of GetAtt is one string "Resource.Attribute"; the attribute may itself contain dots.
        "GetAtt" when value is JsonValue scalar && scalar.ToString() is var text && text.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot =>
            new JsonObject { ["Fn::GetAtt"] = new JsonArray(text[..dot], text[(dot + 1)..]) },
        _ => new JsonObject { ["Fn::" + name] = value },
    };

    /// <summary>
    /// CloudFormation reads every scalar as text except booleans, and rules compare text, so numbers stay
    /// strings ("0123" account ids and "2012-10-17" versions must keep their exact spelling).
    /// </summary>
    private static JsonNode? Scalar(Scalar scalar)
    {
        var text = scalar.Value;
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
