using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>The machine-readable result of <c>guardrails check</c>: findings with their places, and what was not judged.</summary>
internal static class CheckJsonReport
{
    public static string Write(CheckResult result) => new JsonObject
    {
        ["findings"] = new JsonArray(result.Findings.Select(f => (JsonNode)new JsonObject
        {
            ["file"] = f.File,
            ["logicalId"] = f.LogicalId,
            ["line"] = f.Line,
            ["column"] = f.Column,
            ["resourceType"] = f.ResourceType,
            ["ruleId"] = f.RuleId,
            ["severity"] = f.Severity.ToString().ToLowerInvariant(),
            ["verdict"] = f.Suppressed ? "suppressed" : f.Verdict.ToString().ToLowerInvariant(),
            ["message"] = f.Message,
            ["waiver"] = f.WaivedBecause,
        }).ToArray()),
        ["notAssessed"] = new JsonArray(result.NotAssessed.Select(n => (JsonNode)new JsonObject
        {
            ["file"] = n.File,
            ["logicalId"] = n.Resource.Source.LogicalId,
            ["line"] = n.Resource.Source.Line,
            ["resourceType"] = n.Resource.Source.Type,
            ["reason"] = n.Resource.Reason,
        }).ToArray()),
        ["unreadable"] = new JsonArray(result.Unreadable.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
        ["passes"] = result.Passes.Count,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
