using System.Text.Json;
using System.Text.Json.Nodes;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>
/// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) with a physical location
/// per result, so code hosts show each finding on the line of the resource's logical id. Waived findings
/// stay in the log with an in-source suppression, as the standard asks, rather than vanishing.
/// </summary>
internal static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Write(CheckResult result, string baseDirectory)
    {
        var rules = result.Findings.Select(f => (f.RuleId, f.RuleTitle, f.Severity)).Distinct().OrderBy(r => r.RuleId, StringComparer.Ordinal).ToList();
        var index = rules.Select((r, i) => (r.RuleId, i)).ToDictionary(p => p.RuleId, p => p.i, StringComparer.Ordinal);
        var log = new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Ocado.Guardrails",
                        ["rules"] = new JsonArray(rules.Select(r => (JsonNode)new JsonObject
                        {
                            ["id"] = r.RuleId,
                            ["shortDescription"] = new JsonObject { ["text"] = r.RuleTitle },
                            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(r.Severity) },
                        }).ToArray()),
                    },
                },
                ["results"] = new JsonArray(result.Findings.Select(f => (JsonNode)Result(f, index[f.RuleId], baseDirectory)).ToArray()),
            }),
        };
        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Result(TemplateFinding finding, int ruleIndex, string baseDirectory)
    {
        var result = new JsonObject
        {
            ["ruleId"] = finding.RuleId,
            ["ruleIndex"] = ruleIndex,
            ["level"] = finding.Verdict == Verdict.Error ? "error" : Level(finding.Severity),
            ["message"] = new JsonObject { ["text"] = $"{finding.LogicalId}: {finding.Message}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = new JsonObject { ["uri"] = Uri(finding.File, baseDirectory) },
                    // SARIF lines and columns are 1-based; a resource without a known position points at the top of the file.
                    ["region"] = new JsonObject { ["startLine"] = Math.Max(1, finding.Line), ["startColumn"] = Math.Max(1, finding.Column) },
                },
                ["logicalLocations"] = new JsonArray(new JsonObject { ["name"] = finding.LogicalId, ["kind"] = "resource" }),
            }),
        };
        if (finding.WaivedBecause is { } reason)
        {
            result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = reason });
        }
        return result;
    }

    /// <summary>A path relative to the checkout (forward slashes), which is how code hosts match results to files.</summary>
    public static string Uri(string file, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, Path.GetFullPath(file));
        return (relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(file) : relative).Replace('\\', '/');
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };
}
