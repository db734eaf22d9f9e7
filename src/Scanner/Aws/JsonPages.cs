using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Aws;

/// <summary>
/// Every page of a paged JSON operation merged into one list, as the AWS CLI prints it: the list under its own name
/// and no token left.
/// </summary>
internal static class JsonPages
{
    /// <summary>A guard against a service that never stops paging: far beyond any list these operations page through.</summary>
    public const int MaxPages = 10_000;

    /// <param name="page">Fetches the page after the token (null: the first).</param>
    /// <param name="asTheCliPrints">Turns one item as the service sends it into one as the CLI prints it.</param>
    public static async Task<JsonElement> AllAsync(string listName, string nextTokenName, Func<string?, Task<JsonElement>> page,
        Func<JsonNode?, JsonNode?> asTheCliPrints)
    {
        var items = new JsonArray();
        string? token = null;
        for (var pages = 0; ; pages++)
        {
            if (pages == MaxPages)
            {
                throw new InvalidDataException($"{listName} still paging after {MaxPages} pages");
            }
            var answer = await page(token);
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    items.Add(asTheCliPrints(JsonNode.Parse(item.GetRawText())));
                }
            }
            var next = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(nextTokenName, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (string.IsNullOrEmpty(next))
            {
                break;
            }
            token = next;
        }
        return JsonSerializer.SerializeToElement(new JsonObject { [listName] = items });
    }

    /// <summary>
    /// Timestamps arrive as epoch seconds (JSON 1.1's and REST-JSON's default) and the CLI prints them as ISO 8601 in UTC.
    /// </summary>
    public static JsonNode? WithIsoTimes(JsonNode? item, IEnumerable<string> names)
    {
        if (item is JsonObject entry)
        {
            foreach (var name in names)
            {
                if (entry[name] is JsonValue value && value.TryGetValue<double>(out var seconds))
                {
                    entry[name] = OrganizationsClient.IsoFormat(seconds);
                }
            }
        }
        return item;
    }
}
