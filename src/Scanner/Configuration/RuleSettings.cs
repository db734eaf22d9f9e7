using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Scanner.Configuration;

/// <summary>
/// <c>rules:</c> of guardrails.yaml: under a rule's id (or a pattern such as <c>tagging-*</c>), <c>enabled</c>,
/// <c>severity</c>, and for one rule the parameters it declares. Read here for its shape; checked against the
/// catalog by <see cref="Check"/> once the catalog is loaded, so that a misspelt id or parameter is an error.
/// </summary>
internal sealed class RuleSettings
{
    private const string Enabled = "enabled";
    private const string SeverityKey = "severity";

    private readonly List<(string Key, JsonElement Parameters)> _parameters = [];

    public static RuleSettings None { get; } = new();

    /// <summary>Each entry's id or pattern, whether it runs and its severity, in the order written.</summary>
    public IReadOnlyList<RuleSwitch> Switches { get; private init; } = [];

    /// <summary>The parameters set for one rule id (what the rule declares fills the rest).</summary>
    public RuleParams ParamsFor(string ruleId) =>
        _parameters.FirstOrDefault(p => p.Key == ruleId) is { Key: not null } entry ? new RuleParams(entry.Parameters) : RuleParams.Empty;

    public static RuleSettings Read(JsonNode? node, List<string> errors)
    {
        var switches = new List<RuleSwitch>();
        var settings = new RuleSettings { Switches = switches };
        foreach (var (key, values) in node as JsonObject ?? [])
        {
            if (values is not null and not JsonObject)
            {
                errors.Add($"rules.{key}: must be a mapping (enabled:, severity: or the rule's parameters)");
                continue;
            }
            var entry = values as JsonObject ?? [];
            var enabled = ConfigValues.Boolean(entry[Enabled], $"rules.{key}.{Enabled}", errors);
            Severity? severity = null;
            if (entry[SeverityKey] is { } severityNode)
            {
                if (Enum.TryParse<Severity>(severityNode.ToString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(severityNode.ToString(), out _))
                {
                    severity = parsed;
                }
                else
                {
                    errors.Add($"rules.{key}.{SeverityKey}: '{severityNode}' is not one of critical, high, medium, low, info");
                }
            }
            var parameters = new JsonObject(entry.Where(p => p.Key is not (Enabled or SeverityKey))
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            if (RuleSelection.IsPattern(key) && parameters.Count > 0)
            {
                errors.Add($"rules.{key}: a pattern may set only enabled and severity; set {string.Join(", ", parameters.Select(p => p.Key))} under one rule's id");
                continue;
            }
            switches.Add(new RuleSwitch(key, enabled, severity));
            settings._parameters.Add((key, YamlToJson.ToElement(parameters)));
        }
        return settings;
    }

    /// <summary>
    /// Every entry against the catalog: an id that is no rule, a pattern that matches none, a parameter the rule
    /// does not declare, a value of the wrong type or out of range. All of them, each naming its place in the file.
    /// </summary>
    public IReadOnlyList<string> Check(RuleCatalog catalog)
    {
        var errors = new List<string>();
        foreach (var rule in Switches)
        {
            if (RuleSelection.IsPattern(rule.Pattern))
            {
                if (!catalog.Rules.Any(r => RuleSelection.Matches(rule.Pattern, r.Id)))
                {
                    errors.Add($"rules.{rule.Pattern}: matches no rule of the catalog");
                }
                continue;
            }
            if (catalog.Find(rule.Pattern) is not { } found)
            {
                errors.Add($"rules.{rule.Pattern}: no such rule{Suggestion(rule.Pattern, catalog.Rules.Select(r => r.Id))} (guardrails rules list shows them)");
                continue;
            }
            foreach (var (name, value) in ParamsFor(rule.Pattern).SetValues)
            {
                var declared = found.Header.Parameters.FirstOrDefault(p => p.Name == name);
                if (declared is null)
                {
                    var names = found.Header.Parameters.Select(p => p.Name).ToList();
                    errors.Add($"rules.{rule.Pattern}.{name}: {rule.Pattern} has no parameter '{name}'" + (names.Count == 0
                        ? "; it takes only enabled and severity"
                        : $"{Suggestion(name, names)}; its parameters: {string.Join(", ", names)}, enabled, severity"));
                }
                else if (declared.Owner is { } owner)
                {
                    errors.Add($"rules.{rule.Pattern}.{name}: {name} is shared with {owner}; set it once, as rules.{owner}.{name}");
                }
                else if (declared.Check(value) is { } wrong)
                {
                    errors.Add($"rules.{rule.Pattern}.{name}: {wrong}");
                }
            }
        }
        return errors;
    }

    /// <summary>", did you mean X?" for the closest name within two edits (or equal but for case), else nothing.</summary>
    private static string Suggestion(string given, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Distance(given.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(k => k.Distance <= 2).OrderBy(k => k.Distance).FirstOrDefault();
        return best.Name is null ? "" : $"; did you mean {best.Name}?";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
