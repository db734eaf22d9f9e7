using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Rules;

/// <summary>The kinds of value a rule parameter takes.</summary>
public enum RuleParameterType
{
    Number,
    Integer,
    Boolean,
    String,
    /// <summary>A .NET regular expression, checked to compile when the setting is read.</summary>
    Regex,
    /// <summary>A list of strings; one string counts as a list of one.</summary>
    Strings,
    /// <summary>A mapping of names to numbers (a quota code to its default value).</summary>
    Numbers,
}

/// <summary>
/// One parameter a rule declares in its header, the one place its default is written:
/// <c>// param: failAt (number, 0.01 to 1) = 0.8: usage at or above this share of the quota's value fails</c>,
/// or <c>// param: failAt from quotas-headroom</c> for a value another rule owns (set once, under that rule).
/// </summary>
public sealed partial record RuleParameter
{
    public required string Name { get; init; }
    public required RuleParameterType Type { get; init; }
    /// <summary>The value used when guardrails.yaml sets none.</summary>
    public required JsonElement Default { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    /// <summary>One line: what the value means.</summary>
    public required string Meaning { get; init; }
    /// <summary>The rule whose setting this is, when it is shared (set under that rule's id); null when the rule owns it.</summary>
    public string? Owner { get; init; }

    /// <summary>The type and range as written in the header and shown by <c>rules list</c>: <c>number, 0.01 to 1</c>.</summary>
    public string Kind => Minimum is null && Maximum is null
        ? TypeName(Type)
        : $"{TypeName(Type)}, {Format(Minimum)} to {Format(Maximum)}";

    /// <summary>The default as a reader writes it in YAML.</summary>
    public string DefaultText => Default.ValueKind switch
    {
        JsonValueKind.Array => Default.GetArrayLength() == 0 ? "none" : string.Join(", ", Default.EnumerateArray().Select(v => v.ToString())),
        JsonValueKind.Object => Default.EnumerateObject().Any() ? Default.GetRawText() : "none",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => Default.ToString(),
    };

    /// <summary>Why <paramref name="value"/> cannot be this parameter's value, or null when it can.</summary>
    public string? Check(JsonElement value)
    {
        string Expected(string what) => $"must be {what} (was {Describe(value)})";
        switch (Type)
        {
            case RuleParameterType.Number or RuleParameterType.Integer:
                if (AsNumber(value) is not { } number)
                {
                    return Expected(Type == RuleParameterType.Integer ? "a whole number" : "a number");
                }
                if (Type == RuleParameterType.Integer && number != Math.Floor(number))
                {
                    return Expected("a whole number");
                }
                if (number < Minimum || number > Maximum)
                {
                    return $"must be between {Format(Minimum)} and {Format(Maximum)} (was {Format(number)})";
                }
                return null;
            case RuleParameterType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Expected("true or false");
            case RuleParameterType.String:
                return value.ValueKind == JsonValueKind.String ? null : Expected("a string");
            case RuleParameterType.Regex:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return Expected("a regular expression, as a string");
                }
                try
                {
                    _ = new Regex(value.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));
                    return null;
                }
                catch (ArgumentException ex)
                {
                    return $"is not a valid regular expression: {ex.Message}";
                }
            case RuleParameterType.Strings:
                return value.ValueKind == JsonValueKind.String
                    || (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
                    ? null
                    : Expected("a list of strings");
            case RuleParameterType.Numbers:
                return value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(p => AsNumber(p.Value) is not null)
                    ? null
                    : Expected("a mapping of names to numbers");
            default:
                return Expected(TypeName(Type));
        }
    }

    /// <summary>
    /// Reads the text after <c>// param:</c>. Returns the parameter (with <see cref="Owner"/> set and no type for a
    /// shared one, resolved when the catalog is loaded) or the reason it cannot be read.
    /// </summary>
    public static (RuleParameter? Parameter, string? Error) Parse(string text)
    {
        var shared = SharedForm().Match(text);
        if (shared.Success)
        {
            return (new RuleParameter
            {
                Name = shared.Groups["name"].Value, Type = RuleParameterType.String, Default = default, Meaning = "", Owner = shared.Groups["owner"].Value,
            }, null);
        }
        var match = DeclaredForm().Match(text);
        if (!match.Success)
        {
            return (null, $"'param: {text}' must read 'param: NAME (TYPE[, MIN to MAX]) = DEFAULT: MEANING' or 'param: NAME from RULE-ID'");
        }
        var name = match.Groups["name"].Value;
        var typeText = match.Groups["type"].Value.Trim();
        if (!TypeNames.TryGetValue(typeText, out var type))
        {
            return (null, $"parameter '{name}': type '{typeText}' is not one of {string.Join(", ", TypeNames.Keys)}");
        }
        double? minimum = null, maximum = null;
        if (match.Groups["range"].Success)
        {
            if (type is not (RuleParameterType.Number or RuleParameterType.Integer)
                || !double.TryParse(match.Groups["min"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
                || !double.TryParse(match.Groups["max"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
                || min > max)
            {
                return (null, $"parameter '{name}': the range '{match.Groups["min"].Value} to {match.Groups["max"].Value}' must be 'MIN to MAX', numbers with MIN ≤ MAX, on a number or integer");
            }
            (minimum, maximum) = (min, max);
        }
        var parameter = new RuleParameter
        {
            Name = name, Type = type, Minimum = minimum, Maximum = maximum, Meaning = match.Groups["meaning"].Value.Trim(),
            Default = ParseDefault(type, match.Groups["default"].Value.Trim()),
        };
        if (parameter.Meaning.Length == 0)
        {
            return (null, $"parameter '{name}' needs one line of meaning after its default ('= DEFAULT: what it means')");
        }
        return parameter.Check(parameter.Default) is { } wrong
            ? (null, $"parameter '{name}': the default '{match.Groups["default"].Value.Trim()}' {wrong}")
            : (parameter, null);
    }

    private static JsonElement ParseDefault(RuleParameterType type, string text)
    {
        object? value = type switch
        {
            RuleParameterType.Number or RuleParameterType.Integer =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : text,
            RuleParameterType.Boolean => text switch { "true" => true, "false" => false, _ => text },
            RuleParameterType.Strings => text == "none" ? Array.Empty<string>() : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            RuleParameterType.Numbers => text == "none" ? new Dictionary<string, double>() : text,
            _ => text,
        };
        return JsonSerializer.SerializeToElement(value);
    }

    /// <summary>A finite number, written as a number or as a string holding one ("0.8" quoted in YAML); null otherwise.</summary>
    public static double? AsNumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    private static readonly Dictionary<string, RuleParameterType> TypeNames = new(StringComparer.Ordinal)
    {
        ["number"] = RuleParameterType.Number, ["integer"] = RuleParameterType.Integer, ["boolean"] = RuleParameterType.Boolean,
        ["string"] = RuleParameterType.String, ["regex"] = RuleParameterType.Regex, ["strings"] = RuleParameterType.Strings,
        ["numbers"] = RuleParameterType.Numbers,
    };

    private static string TypeName(RuleParameterType type) => TypeNames.First(t => t.Value == type).Key;

    private static string Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string '{value.GetString()}'",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Null or JsonValueKind.Undefined => "empty",
        _ => value.GetRawText(),
    };

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9]*) from (?<owner>[a-z0-9]+(-[a-z0-9]+)+)$")]
    private static partial Regex SharedForm();

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9]*) \((?<type>[a-z]+)(?<range>,\s*(?<min>[^ ]+) to (?<max>[^ )]+))?\) = (?<default>.*?): (?<meaning>.+)$")]
    private static partial Regex DeclaredForm();
}
