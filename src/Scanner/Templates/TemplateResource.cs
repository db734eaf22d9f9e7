using System.Text.Json.Nodes;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>One entry of a template's Resources, as written (intrinsics still in long form), with where its logical id stands.</summary>
internal sealed record TemplateResource
{
    public required string LogicalId { get; init; }
    public required string Type { get; init; }
    public JsonObject Properties { get; init; } = [];
    public JsonObject Metadata { get; init; } = [];
    /// <summary>The name of the condition that decides whether the resource is created, or null.</summary>
    public string? Condition { get; init; }
    /// <summary>1-based line of the logical id in the template file.</summary>
    public int Line { get; init; }
    /// <summary>1-based column of the logical id.</summary>
    public int Column { get; init; }
}
