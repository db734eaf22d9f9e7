using System.Text.Json;

namespace Ocado.Guardrails.Rules;

/// <summary>
/// A rule's parameters: the values guardrails.yaml sets (<c>rules: &lt;rule-id&gt;: {...}</c>), over the defaults
/// the rule declares in its header. A rule asks only for what it declares: the default lives in the header, once.
/// </summary>
public sealed class RuleParams
{
    private readonly JsonElement _values;
    private readonly Dictionary<string, JsonElement>? _effective;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _strings = new(StringComparer.Ordinal);

    /// <summary>The values as set (guardrails.yaml, a rule test's "params"), before the rule's declarations are applied.</summary>
    public RuleParams(JsonElement values) => _values = values;

    private RuleParams(JsonElement values, Dictionary<string, JsonElement> effective)
    {
        _values = values;
        _effective = effective;
    }

    public static RuleParams Empty { get; } = new(JsonDocument.Parse("{}").RootElement);

    public static RuleParams FromJson(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    /// <summary>
    /// The values a rule sees: each declared parameter as set, else its default. A shared parameter
    /// (<c>from quotas-headroom</c>) is read from its owner's settings.
    /// </summary>
    public static RuleParams For(IReadOnlyList<RuleParameter> declared, Func<string, RuleParams> setFor, string ruleId)
    {
        var effective = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var own = setFor(ruleId);
        foreach (var parameter in declared)
        {
            var set = parameter.Owner is { } owner ? setFor(owner).Set(parameter.Name) ?? own.Set(parameter.Name) : own.Set(parameter.Name);
            effective[parameter.Name] = set ?? parameter.Default;
        }
        return new RuleParams(own._values, effective);
    }

    /// <summary>The names set, in the order written: what a check of the settings compares with the declarations.</summary>
    public IEnumerable<(string Name, JsonElement Value)> SetValues =>
        _values.ValueKind == JsonValueKind.Object ? _values.EnumerateObject().Select(p => (p.Name, p.Value)) : [];

    public double Number(string name) =>
        RuleParameter.AsNumber(Value(name)) ?? throw Wrong(name, "a number");

    public bool Bool(string name) =>
        Value(name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Wrong(name, "true or false"),
        };

    public string String(string name) =>
        Value(name) is { ValueKind: JsonValueKind.String } e ? e.GetString()! : throw Wrong(name, "a string");

    /// <summary>A list of strings; a single string counts as a list of one.</summary>
    public IReadOnlyList<string> Strings(string name) =>
        // Asked on every evaluation: read once, and frozen, since every evaluation of the rule shares it.
        _strings.GetOrAdd(name, static (name, self) => Frozen.List(self.Value(name) switch
        {
            { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(v => v.ToString()).ToArray(),
            { ValueKind: JsonValueKind.String } e => [e.GetString()!],
            _ => throw Wrong(name, "a list of strings"),
        }), this);

    /// <summary>The value as JSON (a mapping, for instance).</summary>
    public JsonElement Get(string name) => Value(name);

    public override string ToString() => _values.GetRawText();

    private JsonElement? Set(string name) =>
        _values.ValueKind == JsonValueKind.Object && _values.TryGetProperty(name, out var value) ? value : null;

    private JsonElement Value(string name)
    {
        if (_effective is null)
        {
            return Set(name) ?? throw new KeyNotFoundException($"the parameter '{name}' is not set");
        }
        return _effective.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"the rule reads the parameter '{name}' but does not declare it: add '// param: {name} (TYPE) = DEFAULT: MEANING' to its header");
    }

    private static FormatException Wrong(string name, string what) => new($"the parameter '{name}' must be {what}");
}
