using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Resolves what can be known before deployment: Ref to parameters and pseudo parameters, Sub, Join,
/// Select, Split, FindInMap, If on resolvable conditions, Base64; everything else becomes an
/// <see cref="Unknown"/> marker. The template itself is never changed: resolution returns new nodes.
/// </summary>
internal sealed partial class IntrinsicResolver
{
    private readonly CfnTemplate _template;
    private readonly TemplateContext _context;
    private readonly Dictionary<string, string> _resourceTypes;

    public IntrinsicResolver(CfnTemplate template, TemplateContext context)
    {
        _template = template;
        _context = context;
        _resourceTypes = template.Resources.ToDictionary(r => r.LogicalId, r => r.Type, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Placeholder();

    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonObject o when IsIntrinsic(o, out var name, out var argument) => Function(name, argument),
        JsonObject o => Object(o),
        JsonArray a => Array(a),
        _ => node?.DeepClone(),
    };

    /// <summary>The resolved value as text, or null when it is not a plain string (an unknown marker is text).</summary>
    public string? ResolveText(JsonNode? node) => Resolve(node) is JsonValue v ? v.ToString() : null;

    public static bool IsIntrinsic(JsonObject o, out string name, out JsonNode? argument)
    {
        (name, argument) = (o.Count == 1 ? o.First().Key : "", o.Count == 1 ? o.First().Value : null);
        return o.Count == 1 && (name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal));
    }

    private JsonObject Object(JsonObject o)
    {
        var result = new JsonObject();
        foreach (var (key, value) in o)
        {
            var resolved = Resolve(value);
            if (!Unknown.IsNoValue(resolved))
            {
                result[key] = resolved;
            }
        }
        return result;
    }

    private JsonArray Array(JsonArray a) => new(a.Select(Resolve).Where(v => !Unknown.IsNoValue(v)).ToArray());

    private JsonNode? Function(string name, JsonNode? argument)
    {
        var args = argument as JsonArray;
        return name switch
        {
            "Ref" => Ref(argument?.ToString() ?? ""),
            "Fn::Sub" => Sub(argument),
            "Fn::Join" when args is { Count: 2 } => Join(ResolveText(args[0]) ?? "", Resolve(args[1])),
            "Fn::Select" when args is { Count: 2 } => Select(ResolveText(args[0]), Resolve(args[1])),
            "Fn::Split" when args is { Count: 2 } && ResolveText(args[0]) is { } delimiter && ResolveText(args[1]) is { } text && !Unknown.Contains(text) =>
                new JsonArray(text.Split(delimiter).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            "Fn::FindInMap" when args is { Count: >= 3 } => FindInMap(args),
            "Fn::If" when args is { Count: 3 } => If(args[0]?.ToString() ?? "", args[1], args[2]),
            "Fn::GetAtt" => GetAtt(args),
            "Fn::Base64" => Resolve(argument),
            _ => Unknown.Of(name),
        };
    }

    private JsonNode? Ref(string name)
    {
        switch (name)
        {
            case "AWS::AccountId": return JsonValue.Create(_context.Account);
            case "AWS::Region": return JsonValue.Create(_context.Region);
            case "AWS::Partition": return JsonValue.Create("aws");
            case "AWS::URLSuffix": return JsonValue.Create("amazonaws.com");
            case "AWS::NoValue": return JsonValue.Create(Unknown.NoValue);
        }
        if (_context.Parameters.TryGetValue(name, out var given))
        {
            return ParameterValue(name, given);
        }
        if (_template.Parameters[name] is JsonObject parameter)
        {
            return parameter["Default"] is JsonValue d ? ParameterValue(name, d.ToString()) : Unknown.Of($"Ref {name}");
        }
        return Unknown.Of($"Ref {name}");
    }

    /// <summary>List parameters (CommaDelimitedList, List&lt;…&gt;) are lists when referenced.</summary>
    private JsonNode ParameterValue(string name, string text)
    {
        var type = (_template.Parameters[name] as JsonObject)?["Type"]?.ToString() ?? "String";
        return type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal)
            ? new JsonArray(text.Split(',').Select(s => (JsonNode?)JsonValue.Create(s.Trim())).ToArray())
            : JsonValue.Create(text);
    }

    private JsonNode? GetAtt(JsonArray? args)
    {
        var resource = args is { Count: 2 } ? args[0]?.ToString() ?? "" : "";
        var attribute = args is { Count: 2 } ? ResolveText(args[1]) ?? "" : "";
        // The ARN of a role or user made by the template is in the deploying account: a trust or bucket
        // policy naming it lets in the own account, not an unknown one.
        return (attribute, _resourceTypes.GetValueOrDefault(resource)) switch
        {
            ("Arn", "AWS::IAM::Role") => JsonValue.Create($"arn:aws:iam::{_context.Account}:role/{resource}"),
            ("Arn", "AWS::IAM::User") => JsonValue.Create($"arn:aws:iam::{_context.Account}:user/{resource}"),
            _ => Unknown.Of($"GetAtt {resource}.{attribute}"),
        };
    }

    private JsonNode Sub(JsonNode? argument)
    {
        var (text, variables) = argument is JsonArray { Count: 2 } a ? (a[0]?.ToString() ?? "", a[1] as JsonObject) : (argument?.ToString() ?? "", null);
        var result = Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('!'))
            {
                return "${" + name[1..] + "}";
            }
            var value = variables?[name] is { } given ? Resolve(given)
                : name.Contains('.', StringComparison.Ordinal) && !name.StartsWith("AWS::", StringComparison.Ordinal)
                    ? GetAtt(new JsonArray(name[..name.IndexOf('.', StringComparison.Ordinal)], name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..]))
                    : Ref(name);
            return value is JsonValue v ? v.ToString() : Unknown.Of($"Sub {name}").ToString();
        });
        return JsonValue.Create(result);
    }

    private JsonNode Join(string delimiter, JsonNode? list)
    {
        if (list is not JsonArray items)
        {
            return Unknown.Of("Join of an unknown list");
        }
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            text.Append(i > 0 ? delimiter : "");
            text.Append(item is JsonValue v ? v.ToString() : Unknown.Of("Join item").ToString());
        }
        return JsonValue.Create(text.ToString());
    }

    private JsonNode? Select(string? index, JsonNode? list) =>
        int.TryParse(index, out var i) && list is JsonArray items && i >= 0 && i < items.Count
            ? items[i]?.DeepClone()
            : Unknown.Of($"Select {index}");

    private JsonNode? FindInMap(JsonArray args)
    {
        var keys = args.Take(3).Select(ResolveText).ToList();
        var found = keys.Any(k => k is null || Unknown.Contains(k)) ? null
            : _template.Mappings[keys[0]!]?[keys[1]!]?[keys[2]!];
        return found is null ? (args.Count > 3 && args[3] is JsonObject d ? Resolve(d["DefaultValue"]) : Unknown.Of("FindInMap")) : Resolve(found);
    }
}
