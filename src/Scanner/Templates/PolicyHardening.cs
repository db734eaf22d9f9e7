using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// Makes the unknown parts of a policy document judge as the worst case: an Action or Resource only
/// known at deploy time may be "*", so it becomes "*"; an unknown Effect may be Allow. An unknown
/// principal stays a marker, which the analyser counts as an unknown account (foreign). NotAction and
/// NotResource keep their marker, which matches nothing and so already allows the most.
/// </summary>
internal static class PolicyHardening
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

    private static JsonNode? Widen(JsonNode? value) => value switch
    {
        JsonValue v when Unknown.Contains(v.ToString()) => JsonValue.Create("*"),
        JsonArray list => new JsonArray(list.Select(v => v is JsonValue t && Unknown.Contains(t.ToString()) ? JsonValue.Create("*") : v?.DeepClone()).ToArray()),
        _ => value,
    };
}
