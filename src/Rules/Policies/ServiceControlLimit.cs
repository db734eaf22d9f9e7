using Ocado.Guardrails.Rules.Organizations;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The SCPs over one principal's account, level by level from the root down to the account, asked the
/// pattern questions of <see cref="PermissionSet"/>: an action is within them when every level that has
/// SCPs allows it and no SCP surely denies it. A Deny under a condition we cannot judge denies nothing (the
/// grant stands, marked conditional), as in the principal's own policies.
/// See https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
/// </summary>
public sealed class ServiceControlLimit
{
    private readonly (OrganizationTarget Level, PermissionSet Policies)[] _levels;

    private ServiceControlLimit(string organizationId, (OrganizationTarget, PermissionSet)[] levels) =>
        (OrganizationId, _levels) = (organizationId, levels);

    public string OrganizationId { get; }

    /// <summary>
    /// The SCPs over a principal of <paramref name="accountId"/>, or null when none apply: the account is not a
    /// member, it is the management account, or the principal is a service-linked role.
    /// </summary>
    public static ServiceControlLimit? For(Organization organization, string accountId, bool serviceLinked, DateTimeOffset now)
    {
        if (!organization.IsMember(accountId) || accountId == organization.ManagementAccountId || serviceLinked)
        {
            return null;
        }
        // A level with no SCP attached is one we were not shown (AWS always attaches at least one): it restricts nothing we know of.
        var levels = organization.PathOf(accountId)
            .Where(level => level.ServiceControlPolicies.Count > 0)
            .Select(level => (level, new PermissionSet(level.ServiceControlPolicies, now)))
            .ToArray();
        return new ServiceControlLimit(organization.Id, levels);
    }

    /// <summary>The SCPs' answer: allowed when every level allows it; else the level that does not, with its decision.</summary>
    public (AccessDecision? Refusal, OrganizationTarget? Level, bool Conditional) Can(string action, string resourcePattern)
    {
        var conditional = false;
        foreach (var (level, policies) in _levels)
        {
            var decision = policies.Can(action, resourcePattern);
            if (!decision.Allowed)
            {
                return (decision, level, false);
            }
            conditional |= decision.Conditional;
        }
        return (null, null, conditional);
    }
}
