namespace Ocado.Guardrails.Rules.Findings;

/// <summary>Where a finding stands across scans; its identity is (rule id, resource ARN).</summary>
public enum FindingStatus
{
    /// <summary>Failing now, not failing in the previous scan.</summary>
    New,
    /// <summary>Failing now and in the previous scan.</summary>
    Open,
    /// <summary>Failing in the previous scan, passing now.</summary>
    Resolved,
    /// <summary>Failing, under a valid waiver: listed, not hidden.</summary>
    Suppressed,
}
