namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>
/// The AWS organisation as a scan knows it: read (its SCPs and RCPs take part in every verdict), not read
/// because it could not be (a coverage gap: the verdicts are judged without SCPs and RCPs, the worst case,
/// in which identity grants count), or not asked for (no <c>organization:</c> in guardrails.yaml).
/// </summary>
public sealed record OrganizationView
{
    private OrganizationView(Organization? organization, string? notReadReason) =>
        (Organization, NotReadReason) = (organization, notReadReason);

    /// <summary>No organisation was asked for: SCPs and RCPs are not judged, and nothing is missing.</summary>
    public static OrganizationView NotConfigured { get; } = new(null, null);

    public static OrganizationView Read(Organization organization) => new(organization, null);

    /// <param name="reason">What was not read and why (access denied, not the management account, an unreadable file).</param>
    public static OrganizationView NotRead(string reason) => new(null, reason);

    /// <summary>The organisation, when it was read.</summary>
    public Organization? Organization { get; }

    /// <summary>Why the organisation that was asked for could not be read; null when it was read or not asked for.</summary>
    public string? NotReadReason { get; }

    /// <summary>
    /// For a Fail message: the verdict was reached without SCPs and RCPs because the organisation could not be
    /// read, so it may be one the organisation already prevents. Null when there is nothing to say.
    /// </summary>
    public string? WithoutNote => NotReadReason is { } reason
        ? $"judged without SCPs/RCPs, the organisation could not be read ({reason}), so identity grants count"
        : null;

    public override string ToString() =>
        Organization is { } org ? $"organisation {org.Id}" : NotReadReason is { } reason ? $"organisation not read: {reason}" : "no organisation configured";
}
