namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>The two authorization policy types of AWS Organizations.</summary>
public enum OrganizationPolicyType
{
    /// <summary>SCP: the most the principals of the accounts below may do.</summary>
    ServiceControl,
    /// <summary>RCP: the most anyone may do to the resources of the accounts below, for the services AWS lists.</summary>
    ResourceControl,
}
