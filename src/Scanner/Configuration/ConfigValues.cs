using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>Reading typed values out of guardrails.yaml's JSON form, each mistake added to a shared list.</summary>
internal static partial class ConfigValues
{
    public static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    /// <summary>A duration as "500ms", "15s", "5m", "1h" or a number of seconds.</summary>
    public static TimeSpan? Duration(JsonNode? node, string path, List<string> errors)
    {
        if (node is null)
        {
            return null;
        }
        var text = node.ToString().Trim();
        var match = DurationPattern().Match(text);
        if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            return match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }
        errors.Add($"{path}: '{text}' is not a positive duration (500ms, 15s, 5m, 1h)");
        return null;
    }

    public static int? Integer(JsonNode? node, string path, int minimum, List<string> errors)
    {
        if (node is null)
        {
            return null;
        }
        if (int.TryParse(node.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }
        errors.Add($"{path}: '{node}' must be a whole number of at least {minimum}");
        return null;
    }

    public static bool? Boolean(JsonNode? node, string path, List<string> errors)
    {
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }
        errors.Add($"{path}: '{node}' must be true or false");
        return null;
    }

    /// <summary>Keys that the section does not know are mistakes: a misspelt "expiry" must not silently mean "no expiry".</summary>
    public static void KnownKeys(JsonObject? section, string path, List<string> errors, params string[] known)
    {
        foreach (var (key, _) in section ?? [])
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                errors.Add($"{path}.{key}: unknown setting (known: {string.Join(", ", known)})");
            }
        }
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)?$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex VariableName();
}
