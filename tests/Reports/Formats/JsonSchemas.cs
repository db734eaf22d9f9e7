using System.Text.Json;
using Json.Schema;
using Ocado.Guardrails.Tests.Support;

namespace Ocado.Guardrails.Tests.Reports.Formats;

/// <summary>The JSON schemas vendored in tests/data (see its PROVENANCE.md), and validation against them with every error listed.</summary>
internal static class JsonSchemas
{
    public static readonly Lazy<JsonSchema> Sarif = new(() => Load("sarif-2.1.0.json"));

    public static readonly Lazy<JsonSchema> Asff = new(() => Load("asff-required.schema.json"));

    /// <summary>The errors of <paramref name="json"/> against the schema, one line each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(Lazy<JsonSchema> schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = schema.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            // "format" is only an annotation by default; here a bad uri or date-time is an error.
            RequireFormatValidation = true,
        });
        if (results.IsValid)
        {
            return [];
        }
        return [.. (results.Details ?? []).Append(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }

    private static JsonSchema Load(string name) => JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.TestData, name)));
}
