using System.Text.Json;

namespace Ocado.Guardrails.Rules;

/// <summary>A rule's parameters from guardrails.yaml (<c>rules: &lt;rule-id&gt;: {...}</c>), with defaults at the call site.</summary>
public sealed class RuleParams
{
    private readonly JsonElement _values;

    public RuleParams(JsonElement values) => _values = values;

    public static RuleParams Empty { get; } = new(JsonDocument.Parse("{}").RootElement);

    public static RuleParams FromJson(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    public bool Has(string name) => _values.ValueKind == JsonValueKind.Object && _values.TryGetProperty(name, out _);

    public string String(string name, string fallback) =>
        Get(name) is { ValueKind: JsonValueKind.String } e ? e.GetString()! : fallback;

    public double Number(string name, double fallback) =>
        Get(name) switch
        {
            { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
            _ => fallback,
        };

    public bool Bool(string name, bool fallback) =>
        Get(name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => fallback,
        };

    /// <summary>A list of strings; a single string counts as a list of one.</summary>
    public IReadOnlyList<string> Strings(string name, params string[] fallback) =>
        Get(name) switch
        {
            { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(v => v.ToString()).ToArray(),
            { ValueKind: JsonValueKind.String } e => [e.GetString()!],
            _ => fallback,
        };

    public JsonElement? Get(string name) =>
        _values.ValueKind == JsonValueKind.Object && _values.TryGetProperty(name, out var value) ? value : null;

    public override string ToString() => _values.GetRawText();
}
