namespace Ocado.Guardrails.Rules.Policies;

/// <summary>Policy documents: parsing, evaluation, principals and privilege escalation.</summary>
internal static class PolicyNamespace
{
}
