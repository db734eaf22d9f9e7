namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Reads the <c>// key: value</c> lines that open a rule script. The header ends at the first line
/// that is not such a comment; a line starting with <c>//   </c> continues the previous value.
/// </summary>
public static class RuleHeaderParser
{
    /// <summary>The header, the 1-based line where the body starts, and every error found (empty when valid).</summary>
    public static (RuleHeader? Header, int BodyLine, IReadOnlyList<string> Errors) Parse(RuleSource source)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        // Several parameters each have a line of their own; the other keys are written once.
        var parameterLines = new List<(string Value, int Line)>();
        var errors = new List<string>();
        var lines = source.Text.Split('\n');
        var lineIndex = 0;
        string? lastKey = null;
        for (; lineIndex < lines.Length; lineIndex++)
        {
            var line = lines[lineIndex].TrimEnd('\r');
            if (!line.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }
            var content = line[2..];
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? content[..colon].Trim() : "";
            if (lastKey is not null && (content.StartsWith("   ", StringComparison.Ordinal) || colon <= 0 || key.Contains(' ', StringComparison.Ordinal)))
            {
                if (lastKey == "param")
                {
                    var (text, declaredAt) = parameterLines[^1];
                    parameterLines[^1] = ((text + " " + content.Trim()).Trim(), declaredAt);
                    continue;
                }
                var (value, at) = values[lastKey];
                values[lastKey] = ((value + " " + content.Trim()).Trim(), at);
                continue;
            }
            if (colon <= 0)
            {
                continue;
            }
            if (!RuleHeader.KnownKeys.Contains(key))
            {
                errors.Add(Error(source, lineIndex + 1, 3, "GR1001", $"unknown header key '{key}'; known keys: {string.Join(", ", RuleHeader.KnownKeys)}"));
            }
            if (key == "param")
            {
                parameterLines.Add((content[(colon + 1)..].Trim(), lineIndex + 1));
            }
            else
            {
                values[key] = (content[(colon + 1)..].Trim(), lineIndex + 1);
            }
            lastKey = key;
        }

        string Required(string key)
        {
            if (values.TryGetValue(key, out var entry) && entry.Value.Length > 0)
            {
                return entry.Value;
            }
            errors.Add(Error(source, 1, 1, "GR1002", $"the header has no '{key}' (add a line '// {key}: ...')"));
            return "";
        }

        var id = Required("id");
        var title = Required("title");
        var severityText = Required("severity");
        var types = Required("resource-types");
        var remediation = Required("remediation");
        Severity severity = Severity.Medium;
        if (severityText.Length > 0 && !Enum.TryParse(severityText, ignoreCase: true, out severity))
        {
            errors.Add(Error(source, values["severity"].Line, 3, "GR1003", $"severity '{severityText}' is not one of critical, high, medium, low, info"));
        }
        if (id.Length > 0 && !RuleHeader.Families.Contains(id.Split('-', 2)[0]))
        {
            errors.Add(Error(source, values["id"].Line, 3, "GR1004", $"id '{id}' does not start with a family ({string.Join(", ", RuleHeader.Families)})"));
        }
        var parameters = new List<RuleParameter>();
        foreach (var (text, line) in parameterLines)
        {
            var (parameter, error) = RuleParameter.Parse(text);
            if (error is not null)
            {
                errors.Add(Error(source, line, 4, "GR1007", error));
            }
            else if (parameters.Any(p => p.Name == parameter!.Name))
            {
                errors.Add(Error(source, line, 4, "GR1007", $"parameter '{parameter!.Name}' is declared twice"));
            }
            else
            {
                parameters.Add(parameter!);
            }
        }
        var tune = SplitList(values.GetValueOrDefault("tune").Value ?? "", ',', ' ');
        foreach (var name in tune.Where(n => parameters.All(p => p.Name != n)))
        {
            errors.Add(Error(source, values["tune"].Line, 3, "GR1008", $"tune names '{name}', which is not a parameter of this rule (// param: {name} ...)"));
        }
        if (errors.Count > 0)
        {
            return (null, lineIndex + 1, errors);
        }
        var header = new RuleHeader
        {
            Id = id,
            Title = title,
            Severity = severity,
            ResourceTypes = SplitList(types, ',', ' '),
            Remediation = remediation,
            Rationale = values.GetValueOrDefault("rationale").Value ?? "",
            Controls = SplitList(values.GetValueOrDefault("controls").Value ?? "", ','),
            References = SplitList(values.GetValueOrDefault("references").Value ?? "", ',', ' '),
            Parameters = parameters,
            Tune = tune,
        };
        return (header, lineIndex + 1, errors);
    }

    private static string[] SplitList(string value, params char[] separators) =>
        value.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static string Error(RuleSource source, int line, int column, string code, string message) =>
        $"{source.Path}({line},{column}): error {code}: {message}";
}
