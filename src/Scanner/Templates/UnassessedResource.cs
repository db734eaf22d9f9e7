namespace Ocado.Guardrails.Scanner.Templates;

/// <summary>A template resource no rule judged, and why (an unmapped type, a condition that is false, a policy whose target is elsewhere).</summary>
internal sealed record UnassessedResource(TemplateResource Source, string Reason);
