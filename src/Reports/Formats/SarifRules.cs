using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Engine;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// The SARIF tool.driver: the rules that ran, from their headers, and any rule a finding names
/// without a header (a report rendered again from an older findings.json), by id alone.
/// </summary>
internal sealed class SarifRules
{
    private readonly List<(string Id, RuleHeader? Header, Severity Severity)> _rules = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public static SarifRules From(IEnumerable<RuleHeader> headers, IEnumerable<Finding> findings)
    {
        var rules = new SarifRules();
        foreach (var header in headers.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            rules.Add(header.Id, header, header.Severity);
        }
        foreach (var finding in findings)
        {
            rules.Add(finding.RuleId, null, finding.Severity);
        }
        return rules;
    }

    public int IndexOf(string ruleId) => _index[ruleId];

    /// <summary>
    /// GitHub's scale (https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
    /// over 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low. Info has no place on
    /// it and gets none, so that GitHub shows it by its level alone.
    /// </summary>
    public static string? SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => null,
    };

    public void WriteTool(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("tool");
        writer.WriteStartObject("driver");
        writer.WriteString("name", "Ocado.Guardrails");
        writer.WriteStartArray("rules");
        foreach (var (id, header, severity) in _rules)
        {
            WriteRule(writer, id, header, severity);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void Add(string id, RuleHeader? header, Severity severity)
    {
        if (_index.TryAdd(id, _rules.Count))
        {
            _rules.Add((id, header, severity));
        }
    }

    private static void WriteRule(Utf8JsonWriter writer, string id, RuleHeader? header, Severity severity)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("name", string.Concat(id.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..])));
        WriteText(writer, "shortDescription", header?.Title ?? id);
        if (!string.IsNullOrWhiteSpace(header?.Rationale))
        {
            WriteText(writer, "fullDescription", header.Rationale);
        }
        if (header is not null)
        {
            WriteText(writer, "help", header.Remediation);
            if (header.References.FirstOrDefault(r => r.StartsWith("https://", StringComparison.Ordinal)) is { } uri)
            {
                writer.WriteString("helpUri", uri);
            }
        }
        writer.WriteStartObject("defaultConfiguration");
        writer.WriteString("level", SarifReportWriter.Level(severity));
        writer.WriteEndObject();
        writer.WriteStartObject("properties");
        if (SecuritySeverity(severity) is { } score)
        {
            writer.WriteString("security-severity", score);
        }
        writer.WriteString("severity", Labels.Wire(severity));
        writer.WriteStartArray("tags");
        // Tags are a set (uniqueItems): the family, "security", then the controls.
        foreach (var tag in new[] { "security", header?.Family ?? id.Split('-', 2)[0] }.Concat(header?.Controls ?? []).Distinct(StringComparer.Ordinal))
        {
            writer.WriteStringValue(tag);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, string name, string text)
    {
        writer.WriteStartObject(name);
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }
}
