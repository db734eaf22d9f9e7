using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>
/// One node of an organisation: its root (<c>r-...</c>), an OU (<c>ou-...</c>) or an account (its id), with
/// its parent and the SCPs and RCPs attached directly to it. The shape of what the AWS CLI lists:
/// <c>list-roots</c>, <c>list-organizational-units-for-parent</c>, <c>list-accounts-for-parent</c>, and for each
/// target <c>list-policies-for-target --filter SERVICE_CONTROL_POLICY|RESOURCE_CONTROL_POLICY</c> with each
/// policy's <c>describe-policy</c> content.
/// </summary>
/// <param name="Id">r-..., ou-..., or a 12-digit account id.</param>
/// <param name="ParentId">The parent's id; null for the root.</param>
/// <param name="Name">As Organizations names it, for messages.</param>
public sealed record OrganizationTarget(string Id, string? ParentId, string Name)
{
    public IReadOnlyList<PolicyDocument> ServiceControlPolicies { get; init; } = [];
    public IReadOnlyList<PolicyDocument> ResourceControlPolicies { get; init; } = [];

    public bool IsRoot => ParentId is null;

    public bool IsAccount => Arn.IsAccountId(Id);

    public IReadOnlyList<PolicyDocument> Policies(OrganizationPolicyType type) =>
        type == OrganizationPolicyType.ServiceControl ? ServiceControlPolicies : ResourceControlPolicies;

    public override string ToString() => IsRoot ? $"root {Id}" : IsAccount ? $"account {Id}" : $"OU {Name} ({Id})";
}
