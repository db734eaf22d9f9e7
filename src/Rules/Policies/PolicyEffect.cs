namespace Ocado.Guardrails.Rules.Policies;

/// <summary>A statement's <c>Effect</c>.</summary>
public enum PolicyEffect
{
    Allow,
    Deny,
}
