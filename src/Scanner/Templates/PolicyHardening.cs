using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Makes the unknown parts of a policy document judge as the worst case: an Action or Resource only
/// known at deploy time may be "*", so it becomes "*"; an unknown Effect may be Allow. An unknown
/// principal stays a marker, which the analyser counts as an unknown account (foreign). NotAction and
/// NotResource keep their marker, which matches nothing and so already allows the most.
/// </summary>
internal static partial class PolicyHardening
{
    public static JsonNode? Harden(JsonNode? policy)
    {
        if (policy is not JsonObject document)
        {
            return policy;
        }
        var statements = document["Statement"] switch
        {
            JsonArray list => list.OfType<JsonObject>().ToList(),
            JsonObject one => [one],
            _ => [],
        };
        foreach (var statement in statements)
        {
            foreach (var key in new[] { "Action", "Resource" })
            {
                if (Widen(statement[key]) is var widened && !ReferenceEquals(widened, statement[key]))
                {
                    statement[key] = widened;
                }
            }
            if (Unknown.Is(statement["Effect"]))
            {
                statement["Effect"] = "Allow";
            }
        }
        return document;
    }

    /// <summary>Only the unknown part becomes "*": arn:aws:s3:::${unknown:Ref Bucket}/* is arn:aws:s3:::*/*, still no wider than it could be.</summary>
    private static JsonValue Wildcard(JsonValue value) => JsonValue.Create(UnknownPart().Replace(value.ToString(), "*"));

    [GeneratedRegex(@"\$\{unknown:[^}]*\}")]
    private static partial Regex UnknownPart();

    private static JsonNode? Widen(JsonNode? value) => value switch
    {
        JsonValue v when Unknown.Contains(v.ToString()) => Wildcard(v),
        JsonArray list => new JsonArray(list.Select(v => v is JsonValue t && Unknown.Contains(t.ToString()) ? Wildcard(t) : v?.DeepClone()).ToArray()),
        _ => value,
    };
}
