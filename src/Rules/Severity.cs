namespace Ocado.Guardrails.Rules;

/// <summary>How bad a failure of a rule is; ordered so that a higher value is worse.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
