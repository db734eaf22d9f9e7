using System.Runtime.InteropServices;
using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>Turns policy JSON of any shape into a <see cref="PolicyDocument"/>.</summary>
internal static partial class PolicyReader
{
    /// <summary>A string holding a string holding JSON is met in the wild; deeper nesting is a mistake.</summary>
    private const int MaxNesting = 4;

    private static readonly string[] PrincipalTypes = [PolicyPrincipal.Aws, PolicyPrincipal.Service, PolicyPrincipal.Federated, PolicyPrincipal.CanonicalUser];

    public static PolicyDocument Read(string text, string? name) => Read(text, name, depth: 0);

    /// <param name="ownParse">
    /// Whether the element is of a document this reader parsed, with the default options (no comments or trailing
    /// commas, 64 levels at most): each statement's text then reads back as JSON under those options, unchecked again
    /// where findings write it (<see cref="PolicyStatement.JsonIsValid"/>).
    /// </param>
    public static PolicyDocument Read(JsonElement element, string? name, int depth, bool ownParse = false)
    {
        if (depth > MaxNesting)
        {
            throw new FormatException("the policy is nested in strings too deeply");
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return ReadUtf8(element, name, depth + 1) ?? Read(element.GetString()!, name, depth + 1);
            case JsonValueKind.Array:
                var documents = element.EnumerateArray().Select(e => Read(e, name, depth + 1, ownParse)).ToList();
                return PolicyDocument.Create(name, documents.FirstOrDefault()?.Version, documents.FirstOrDefault()?.Id, documents.SelectMany(d => d.Statements).Select((st, i) => st.With(i, name)).ToList());
            case JsonValueKind.Object when JsonPath.TryGetProperty(element, "Statement", out var statement):
                var statements = statement.ValueKind switch
                {
                    JsonValueKind.Array => ReadStatements(statement, name, ownParse),
                    JsonValueKind.Object => [ReadStatement(statement, 0, name, ownParse)],
                    _ => throw new FormatException("a policy's Statement must be an object or a list of objects"),
                };
                return PolicyDocument.Create(name, Text(element, "Version"), Text(element, "Id"), Own(statements));
            case JsonValueKind.Object when JsonPath.TryGetProperty(element, "Effect", out _):
                return PolicyDocument.Create(name, null, null, Own([ReadStatement(element, 0, name, ownParse)]));
            default:
                throw new FormatException($"a policy must be a JSON object with a Statement, not {element.ValueKind}");
        }
    }

    private static PolicyStatement[] ReadStatements(JsonElement list, string? name, bool ownParse)
    {
        var statements = new PolicyStatement[list.GetArrayLength()];
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            statements[index] = ReadStatement(item, index, name, ownParse);
            index++;
        }
        return statements;
    }

    /// <summary>An array this reader made and no one else holds, as an immutable list without a copy (see <see cref="Frozen"/>).</summary>
    private static IReadOnlyList<T> Own<T>(T[] items) => items.Length == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(items);

    private static PolicyDocument Read(string text, string? name, int depth)
    {
        var decoded = Decode(text);
        try
        {
            using var json = JsonDocument.Parse(decoded);
            return Read(json.RootElement, name, depth, ownParse: true);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the policy is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// IAM's query API returns policy documents URL-encoded (RFC 3986), the CLI and SDKs decode them:
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html.
    /// JSON never starts with '%', so a text that does not start like JSON but holds '%' is decoded once.
    /// </summary>
    internal static string Decode(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && trimmed[0] is not ('{' or '[' or '"') && trimmed.Contains('%', StringComparison.Ordinal)
            ? Uri.UnescapeDataString(trimmed).Trim()
            : trimmed;
    }

    private static PolicyStatement ReadStatement(JsonElement s, int index, string? name, bool ownParse)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"statement #{index + 1} is not a JSON object");
        }
        var effectText = Text(s, "Effect");
        var effect = string.Equals(effectText, "Allow", StringComparison.OrdinalIgnoreCase) ? PolicyEffect.Allow
            : string.Equals(effectText, "Deny", StringComparison.OrdinalIgnoreCase) ? PolicyEffect.Deny
            : throw new FormatException($"statement #{index + 1} has Effect '{effectText}', not Allow or Deny");
        var hasResource = JsonPath.TryGetProperty(s, "Resource", out _) || JsonPath.TryGetProperty(s, "NotResource", out _);
        return new PolicyStatement
        {
            Sid = Text(s, "Sid"),
            Index = index,
            PolicyName = name,
            Effect = effect,
            Actions = Strings(s, "Action"),
            NotActions = Strings(s, "NotAction"),
            Resources = hasResource ? Strings(s, "Resource") : AnyResource,
            NotResources = Strings(s, "NotResource"),
            Principals = Principals(s, "Principal"),
            NotPrincipals = Principals(s, "NotPrincipal"),
            Conditions = Conditions(s),
            Json = s.GetRawText(),
            JsonIsValid = ownParse,
        };
    }

    /// <summary>A statement without Resource or NotResource: the resource its policy is on (see <see cref="PolicyStatement.Resources"/>).</summary>
    private static readonly IReadOnlyList<string> AnyResource = Own(["*"]);

    private static IReadOnlyList<PolicyPrincipal> Principals(JsonElement s, string property)
    {
        if (!JsonPath.TryGetProperty(s, property, out var principal))
        {
            return [];
        }
        if (principal.ValueKind == JsonValueKind.String)
        {
            return Own([new PolicyPrincipal(PolicyPrincipal.Aws, principal.GetString()!.Trim())]);
        }
        if (principal.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{property} must be \"*\" or an object of principal types");
        }
        var principals = new List<PolicyPrincipal>();
        foreach (var type in principal.EnumerateObject())
        {
            var canonical = CanonicalType(type.Name);
            foreach (var value in Values(type.Value))
            {
                principals.Add(new PolicyPrincipal(canonical, value.Trim()));
            }
        }
        return Own(principals.ToArray());
    }

    private static string CanonicalType(string type)
    {
        foreach (var known in PrincipalTypes)
        {
            if (string.Equals(known, type, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }
        return type;
    }

    private static IReadOnlyList<PolicyCondition> Conditions(JsonElement s)
    {
        if (!JsonPath.TryGetProperty(s, "Condition", out var block) || block.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (block.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("Condition must be an object of operators");
        }
        var result = new List<PolicyCondition>();
        foreach (var op in block.EnumerateObject())
        {
            if (op.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"condition operator {op.Name} must hold an object of keys");
            }
            var operatorName = SharedText.NameOf(op);
            foreach (var key in op.Value.EnumerateObject())
            {
                result.Add(new PolicyCondition(operatorName, SharedText.NameOf(key), Own(Values(key.Value))));
            }
        }
        return Own(result.ToArray());
    }

    private static IReadOnlyList<string> Strings(JsonElement s, string property) =>
        JsonPath.TryGetProperty(s, property, out var value) ? Own(Values(value)) : [];

    /// <summary>
    /// A string, number or boolean counts as a list of one, as AWS reads it; a list's lists are read into it, anything else
    /// is nothing. Short texts (actions, condition keys, account ids) are shared (<see cref="SharedText"/>): every principal's
    /// policies are read again for the graph and for the rules, and most name the same actions.
    /// </summary>
    private static string[] Values(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                // Most lists hold only strings: read straight into an array of their number.
                var values = new string[value.GetArrayLength()];
                var at = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        var mixed = new List<string>();
                        AddValues(value, mixed);
                        return mixed.ToArray();
                    }
                    values[at++] = SharedText.Of(item);
                }
                return values;
            case JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                return [Scalar(value)];
            default:
                return [];
        }
    }

    private static void AddValues(JsonElement value, List<string> values)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                AddValues(item, values);
            }
        }
        else if (value.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number)
        {
            values.Add(Scalar(value));
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => SharedText.Of(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static string? Text(JsonElement e, string property) =>
        JsonPath.TryGetProperty(e, property, out var value) && value.ValueKind == JsonValueKind.String ? SharedText.Of(value) : null;
}
