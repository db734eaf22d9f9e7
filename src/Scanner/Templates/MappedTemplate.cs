namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>A template after mapping: what the rules will judge, what was folded into another resource, and what nobody judges.</summary>
internal sealed record MappedTemplate(
    CfnTemplate Template,
    IReadOnlyList<MappedResource> Resources,
    IReadOnlyList<UnassessedResource> NotAssessed,
    IReadOnlyDictionary<string, string> AttachedTo)
{
    /// <summary>Local templates of its nested stacks (full paths), which the check reads too.</summary>
    public IReadOnlyList<string> NestedTemplates { get; init; } = [];
}
