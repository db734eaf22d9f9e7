using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>The Conditions section: true, false, or null when it depends on something only known at deploy time.</summary>
internal sealed partial class IntrinsicResolver
{
    private readonly Dictionary<string, bool?> _conditions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);

    /// <summary>Whether the named condition holds; null when unknown (or undefined, or circular).</summary>
    public bool? Condition(string name)
    {
        if (_conditions.TryGetValue(name, out var known))
        {
            return known;
        }
        if (!_evaluating.Add(name))
        {
            return null;
        }
        var value = Evaluate(_template.Conditions[name]);
        _evaluating.Remove(name);
        _conditions[name] = value;
        return value;
    }

    private bool? Evaluate(JsonNode? node)
    {
        if (node is JsonValue literal && literal.TryGetValue(out bool flag))
        {
            return flag;
        }
        if (node is not JsonObject o || o.Count != 1)
        {
            return null;
        }
        var (name, argument) = (o.First().Key, o.First().Value);
        var args = argument as JsonArray ?? [];
        return name switch
        {
            "Condition" => Condition(argument?.ToString() ?? ""),
            "Fn::Not" when args.Count == 1 => !Evaluate(args[0]),
            "Fn::And" => All(args.Select(Evaluate).ToList()),
            "Fn::Or" => Any(args.Select(Evaluate).ToList()),
            "Fn::Equals" when args.Count == 2 => EqualsOf(Resolve(args[0]), Resolve(args[1])),
            _ => null,
        };
    }

    private static bool? All(List<bool?> values) => values.Contains(false) ? false : values.Contains(null) ? null : true;

    private static bool? Any(List<bool?> values) => values.Contains(true) ? true : values.Contains(null) ? null : false;

    private static bool? EqualsOf(JsonNode? left, JsonNode? right)
    {
        var (a, b) = (Text(left), Text(right));
        return a is null || b is null || Unknown.Contains(a) || Unknown.Contains(b) ? null : a == b;
    }

    /// <summary>Booleans compare as CloudFormation writes them ("true"), so !Equals [true, "true"] holds.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
        JsonValue v => v.ToString(),
        _ => null,
    };

    /// <summary>
    /// Fn::If on a known condition takes its branch. On an unknown one, when a branch is AWS::NoValue the
    /// other is kept, because a present grant or principal is the worse case; otherwise the value is unknown.
    /// </summary>
    private JsonNode? If(string condition, JsonNode? whenTrue, JsonNode? whenFalse)
    {
        switch (Condition(condition))
        {
            case true: return Resolve(whenTrue);
            case false: return Resolve(whenFalse);
        }
        var (a, b) = (Resolve(whenTrue), Resolve(whenFalse));
        return Unknown.IsNoValue(a) ? b : Unknown.IsNoValue(b) ? a : Unknown.Of($"If {condition}");
    }
}
