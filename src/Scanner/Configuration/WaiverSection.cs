using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// Reads <c>waivers:</c>. Every field is required (rule, account or resource, reason, owner,
/// expires): a waiver without an owner or an end is a silent, permanent hole in the audit.
/// </summary>
internal static partial class WaiverSection
{
    [GeneratedRegex("^[a-z0-9*?]+(-[a-z0-9*?]+)*$")]
    private static partial Regex RulePattern();

    /// <summary>Twelve digits (or ?), or a pattern with * that stands for some of them.</summary>
    [GeneratedRegex(@"^([0-9?]{12}|(?=.*\*)[0-9*?]{1,12})$")]
    private static partial Regex AccountPattern();

    public static List<Waiver> Read(JsonNode? node, List<string> errors)
    {
        var waivers = new List<Waiver>();
        if (node is not null and not JsonArray)
        {
            errors.Add("waivers: must be a list of waivers (- rule: ..., resource: ..., reason: ..., owner: ..., expires: YYYY-MM-DD)");
            return waivers;
        }
        foreach (var (item, index) in (node as JsonArray ?? []).Select((n, i) => (n, i)))
        {
            var path = $"waivers[{index}]";
            var section = item as JsonObject;
            ConfigValues.KnownKeys(section, path, errors, "rule", "account", "resource", "reason", "owner", "expires");
            var count = errors.Count;
            var rule = Required(section, "rule", path, errors);
            var account = ConfigValues.Text(section?["account"]);
            var resource = ConfigValues.Text(section?["resource"]);
            var reason = Required(section, "reason", path, errors);
            var owner = Required(section, "owner", path, errors);
            var expiresText = Required(section, "expires", path, errors);
            if (rule is not null && !RulePattern().IsMatch(rule))
            {
                errors.Add($"{path}.rule: '{rule}' is not a rule id or pattern (lower-kebab-case, * and ? allowed)");
            }
            if (account is null && resource is null)
            {
                errors.Add($"{path}: name an account or a resource pattern (or both): a waiver for a rule everywhere is switching the rule off");
            }
            if (account is not null && !AccountPattern().IsMatch(account))
            {
                errors.Add($"{path}.account: '{account}' is not a 12-digit account id or a pattern of one");
            }
            if (resource is not null && !resource.StartsWith("arn:", StringComparison.Ordinal))
            {
                errors.Add($"{path}.resource: '{resource}' is not an ARN or ARN pattern (arn:aws:...)");
            }
            DateOnly expires = default;
            if (expiresText is not null && !DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expires))
            {
                errors.Add($"{path}.expires: '{expiresText}' is not a date (YYYY-MM-DD)");
            }
            if (errors.Count == count)
            {
                waivers.Add(new Waiver
                {
                    Rule = rule!,
                    Account = account,
                    Resource = resource,
                    Reason = reason!,
                    Owner = owner!,
                    Expires = expires,
                });
            }
        }
        return waivers;
    }

    private static string? Required(JsonObject? section, string key, string path, List<string> errors)
    {
        var value = ConfigValues.Text(section?[key]);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path}.{key}: missing");
            return null;
        }
        return value.Trim();
    }
}
