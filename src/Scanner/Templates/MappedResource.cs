using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>A template resource and the configuration-item-shaped resource the rules judge in its place.</summary>
internal sealed record MappedResource(TemplateResource Source, Resource Resource)
{
    /// <summary>Where the policies the resource carries are written, for placing a finding at the statement at fault.</summary>
    public IReadOnlyList<PolicyOrigin> Policies { get; init; } = [];
}
