using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>Turns policy JSON of any shape into a <see cref="PolicyDocument"/>.</summary>
internal static class PolicyReader
{
    /// <summary>A string holding a string holding JSON is met in the wild; deeper nesting is a mistake.</summary>
    private const int MaxNesting = 4;

    public static PolicyDocument Read(string text, string? name) => Read(text, name, depth: 0);

    public static PolicyDocument Read(JsonElement element, string? name, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new FormatException("the policy is nested in strings too deeply");
        }
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Read(element.GetString()!, name, depth + 1);
            case JsonValueKind.Array:
                var documents = element.EnumerateArray().Select(e => Read(e, name, depth + 1)).ToList();
                return PolicyDocument.Create(name, documents.FirstOrDefault()?.Version, documents.FirstOrDefault()?.Id, documents.SelectMany(d => d.Statements).Select((st, i) => st.With(i, name)).ToList());
            case JsonValueKind.Object when JsonPath.TryGetProperty(element, "Statement", out var statement):
                var items = statement.ValueKind switch
                {
                    JsonValueKind.Array => statement.EnumerateArray().ToList(),
                    JsonValueKind.Object => [statement],
                    _ => throw new FormatException("a policy's Statement must be an object or a list of objects"),
                };
                return PolicyDocument.Create(name, Text(element, "Version"), Text(element, "Id"), items.Select((s, i) => ReadStatement(s, i, name)).ToList());
            case JsonValueKind.Object when JsonPath.TryGetProperty(element, "Effect", out _):
                return PolicyDocument.Create(name, null, null, [ReadStatement(element, 0, name)]);
            default:
                throw new FormatException($"a policy must be a JSON object with a Statement, not {element.ValueKind}");
        }
    }

    private static PolicyDocument Read(string text, string? name, int depth)
    {
        var decoded = Decode(text);
        try
        {
            using var json = JsonDocument.Parse(decoded);
            return Read(json.RootElement, name, depth);
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

    private static PolicyStatement ReadStatement(JsonElement s, int index, string? name)
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
            Resources = hasResource ? Strings(s, "Resource") : ["*"],
            NotResources = Strings(s, "NotResource"),
            Principals = Principals(s, "Principal"),
            NotPrincipals = Principals(s, "NotPrincipal"),
            Conditions = Conditions(s),
            Json = s.GetRawText(),
        };
    }

    private static PolicyPrincipal[] Principals(JsonElement s, string property)
    {
        if (!JsonPath.TryGetProperty(s, property, out var principal))
        {
            return [];
        }
        if (principal.ValueKind == JsonValueKind.String)
        {
            return [new PolicyPrincipal(PolicyPrincipal.Aws, principal.GetString()!.Trim())];
        }
        if (principal.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{property} must be \"*\" or an object of principal types");
        }
        return principal.EnumerateObject()
            .SelectMany(type => Values(type.Value).Select(v => new PolicyPrincipal(CanonicalType(type.Name), v.Trim())))
            .ToArray();
    }

    private static string CanonicalType(string type) =>
        new[] { PolicyPrincipal.Aws, PolicyPrincipal.Service, PolicyPrincipal.Federated, PolicyPrincipal.CanonicalUser }
            .FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase)) ?? type;

    private static PolicyCondition[] Conditions(JsonElement s)
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
            result.AddRange(op.Value.EnumerateObject().Select(key => new PolicyCondition(op.Name, key.Name, Values(key.Value))));
        }
        return result.ToArray();
    }

    private static string[] Strings(JsonElement s, string property) =>
        JsonPath.TryGetProperty(s, property, out var value) ? Values(value) : [];

    /// <summary>A string, number or boolean counts as a list of one, as AWS reads it.</summary>
    private static string[] Values(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Values).ToArray(),
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Number => [value.GetRawText()],
        _ => [],
    };

    private static string? Text(JsonElement e, string property) =>
        JsonPath.TryGetProperty(e, property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
