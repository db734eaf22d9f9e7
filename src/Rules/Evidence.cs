using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules;

/// <summary>
/// What a Fail rests on, as data rather than prose: the policy statements at fault (as written, with
/// their policy, index and Sid), the tags compared, and named values (a usage and its limit, the
/// fields of a credential report). Immutable; a rule builds it with the factories below and
/// <see cref="And(Evidence)"/>. The engine writes it into the finding as JSON (see <see cref="ToJson"/>),
/// with every secret-looking value masked as tags are (<see cref="SecretMask"/>).
/// </summary>
public sealed class Evidence
{
    /// <summary>
    /// Statements, tags or values kept of each kind: evidence is what a reader checks by eye, and a
    /// principal granted a permission by a hundred statements is shown enough of them to be fixed.
    /// The rest are counted as "omitted", never dropped silently.
    /// </summary>
    public const int MaxItems = 20;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ImmutableArray<PolicyStatement> _statements;
    private readonly ImmutableArray<KeyValuePair<string, string?>> _tags;
    private readonly ImmutableArray<KeyValuePair<string, object?>> _values;

    private Evidence(ImmutableArray<PolicyStatement> statements, ImmutableArray<KeyValuePair<string, string?>> tags, ImmutableArray<KeyValuePair<string, object?>> values)
    {
        _statements = statements;
        _tags = tags;
        _values = values;
    }

    /// <summary>No evidence: the start of a fold.</summary>
    public static Evidence None { get; } = new([], [], []);

    /// <summary>Whether nothing was recorded.</summary>
    public bool IsEmpty => _statements.IsEmpty && _tags.IsEmpty && _values.IsEmpty;

    /// <summary>The policy statements at fault, each once, in the order given.</summary>
    public static Evidence Of(IEnumerable<PolicyStatement> statements) =>
        new([.. statements.Distinct()], [], []);

    /// <summary>
    /// The resource's tags of these keys as it carries them; a key it does not carry is recorded as null,
    /// so that "missing" is evidence too.
    /// </summary>
    public static Evidence Tags(Resource resource, params IEnumerable<string> keys) =>
        new([], [.. keys.Distinct(StringComparer.Ordinal).Select(k => new KeyValuePair<string, string?>(k, resource.Tag(k)))], []);

    /// <summary>A named value compared (a parameter, a setting, a date); null when it is absent.</summary>
    public static Evidence Value(string name, string? value) => new([], [], [new(name, value)]);

    /// <summary>A named number compared (a usage, a limit, a threshold).</summary>
    public static Evidence Value(string name, double value) => new([], [], [new(name, value)]);

    /// <summary>A named list compared (the accounts an image is shared with, the allowed values).</summary>
    public static Evidence Value(string name, IEnumerable<string> values) => new([], [], [new(name, ImmutableArray.CreateRange(values))]);

    /// <summary>Fields of a JSON object as it holds them (a credential report row, a configuration); a missing one is null.</summary>
    public static Evidence Fields(JsonElement item, params IEnumerable<string> names) =>
        new([], [], [.. names.Select(n => new KeyValuePair<string, object?>(n, FieldText(item, n)))]);

    /// <summary>This evidence and another together.</summary>
    public Evidence And(Evidence other) =>
        new(_statements.AddRange(other._statements.Where(s => !_statements.Contains(s))), _tags.AddRange(other._tags), _values.AddRange(other._values));

    /// <summary>This evidence and a named value.</summary>
    public Evidence And(string name, string? value) => And(Value(name, value));

    /// <summary>This evidence and a named number.</summary>
    public Evidence And(string name, double value) => And(Value(name, value));

    /// <summary>This evidence and a named list.</summary>
    public Evidence And(string name, IEnumerable<string> values) => And(Value(name, values));

    /// <summary>
    /// The evidence as findings carry it: <c>{"statements": [{"policy", "index", "sid", "statement"}], "tags": {}, "values": {}}</c>,
    /// each part only when given. A statement is its JSON as the document held it; <c>index</c> counts from 0
    /// in the document's Statement list. Tag values that look like secrets (by key or by value) and other values
    /// that look like secrets are masked; null when nothing was recorded.
    /// </summary>
    internal string? ToJson()
    {
        if (IsEmpty)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (!_statements.IsEmpty)
            {
                writer.WriteStartArray("statements");
                foreach (var statement in _statements.Take(MaxItems))
                {
                    WriteStatement(writer, statement);
                }
                writer.WriteEndArray();
            }
            if (!_tags.IsEmpty)
            {
                writer.WriteStartObject("tags");
                foreach (var (key, value) in _tags.Take(MaxItems))
                {
                    writer.WriteString(key, value is null ? null : SecretMask.Mask(key, value));
                }
                writer.WriteEndObject();
            }
            if (!_values.IsEmpty)
            {
                writer.WriteStartObject("values");
                foreach (var (name, value) in _values.Take(MaxItems))
                {
                    WriteValue(writer, name, value);
                }
                writer.WriteEndObject();
            }
            var omitted = Math.Max(0, _statements.Length - MaxItems) + Math.Max(0, _tags.Length - MaxItems) + Math.Max(0, _values.Length - MaxItems);
            if (omitted > 0)
            {
                writer.WriteNumber("omitted", omitted);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatement statement)
    {
        writer.WriteStartObject();
        if (statement.PolicyName is { } policy)
        {
            writer.WriteString("policy", policy);
        }
        writer.WriteNumber("index", statement.Index);
        if (!string.IsNullOrEmpty(statement.Sid))
        {
            writer.WriteString("sid", statement.Sid);
        }
        writer.WritePropertyName("statement");
        try
        {
            // Text the policy reader parsed is JSON already: checking it again was most of writing it.
            writer.WriteRawValue(statement.Json, skipInputValidation: statement.JsonIsValid);
        }
        catch (JsonException)
        {
            // A statement built by hand rather than read may hold any text: it is still shown, as text.
            writer.WriteStringValue(statement.Json);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case double number when double.IsFinite(number):
                writer.WriteNumber(name, number);
                break;
            case double number:
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                break;
            case ImmutableArray<string> list:
                writer.WriteStartArray(name);
                foreach (var item in list.Take(MaxItems))
                {
                    writer.WriteStringValue(item is null ? null : SecretMask.Mask("", item));
                }
                writer.WriteEndArray();
                break;
            case string text:
                writer.WriteString(name, SecretMask.Mask("", text));
                break;
            default:
                writer.WriteNull(name);
                break;
        }
    }

    private static string? FieldText(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && JsonPath.Find(item, name) is { } field && field.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? field.ValueKind == JsonValueKind.String ? field.GetString() : field.GetRawText()
            : null;

    public override string ToString() => ToJson() ?? "(no evidence)";
}
