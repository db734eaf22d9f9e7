using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>
/// SCPs and RCPs judged for one request. At every level from the root down to the account some
/// attached policy must allow the request, and no attached policy at any level may deny it. SCPs limit
/// the principals of member accounts (not the management account, not service-linked roles); RCPs limit
/// the resources of member accounts (not the management account's, not AWS managed KMS keys), for the
/// services AWS lists, whoever asks (except service-linked roles).
/// See https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
/// and https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
/// </summary>
public static class OrganizationPolicies
{
    /// <summary>SCPs of the principal's account for the request.</summary>
    public static PolicyTypeDecision ServiceControl(Organization organization, RequestPrincipal principal, RequestContext request)
    {
        const string type = "SCP";
        if (principal.Kind is RequestPrincipalKind.Service or RequestPrincipalKind.Anonymous || !organization.IsMember(principal.AccountId))
        {
            return PolicyTypeDecision.NotApplicable(type, $"the principal is not in organisation {organization.Id}");
        }
        if (principal.AccountId == organization.ManagementAccountId)
        {
            return PolicyTypeDecision.NotApplicable(type, "SCPs do not restrict the management account");
        }
        if (principal.IsServiceLinked)
        {
            return PolicyTypeDecision.NotApplicable(type, "SCPs do not restrict service-linked roles");
        }
        return Judge(type, OrganizationPolicyType.ServiceControl, organization.PathOf(principal.AccountId), request, principal);
    }

    /// <summary>RCPs of the resource's account for the request.</summary>
    public static PolicyTypeDecision ResourceControl(Organization organization, string resourceAccount, RequestPrincipal? principal, RequestContext request)
    {
        const string type = "RCP";
        var service = request.Action.Split(':')[0];
        if (!organization.IsMember(resourceAccount))
        {
            return PolicyTypeDecision.NotApplicable(type, $"the resource's account is not in organisation {organization.Id}");
        }
        if (resourceAccount == organization.ManagementAccountId)
        {
            return PolicyTypeDecision.NotApplicable(type, "RCPs do not restrict the management account's resources");
        }
        if (!ServiceCatalog.RcpServices.Contains(service))
        {
            return PolicyTypeDecision.NotApplicable(type, $"RCPs do not apply to {service}");
        }
        if (principal?.IsServiceLinked == true)
        {
            return PolicyTypeDecision.NotApplicable(type, "RCPs do not restrict service-linked roles");
        }
        if (request.Resource.StartsWith("arn:", StringComparison.Ordinal) && request.Resource.Contains(":alias/aws/", StringComparison.Ordinal))
        {
            return PolicyTypeDecision.NotApplicable(type, "RCPs do not apply to AWS managed KMS keys");
        }
        return Judge(type, OrganizationPolicyType.ResourceControl, organization.PathOf(resourceAccount), request, principal);
    }

    private static PolicyTypeDecision Judge(string type, OrganizationPolicyType policyType, IReadOnlyList<OrganizationTarget> path, RequestContext request, RequestPrincipal? principal)
    {
        var uncertain = false;
        var deciding = new List<PolicyStatement>();
        // Denies first, at any level: an explicit deny anywhere decides, whatever the levels allow.
        var levels = path.Select(level => (level, decision: PolicyTypeDecision.Judge(type, level.Policies(policyType).SelectMany(p => p.Statements), request, principal))).ToList();
        foreach (var (level, decision) in levels)
        {
            if (decision.Verdict == PolicyVerdict.ExplicitlyDenied)
            {
                return decision with { Reason = $"{decision.Reason}, attached to {level}" };
            }
        }
        foreach (var (level, decision) in levels)
        {
            // A level with nothing attached is a level we were not shown (AWS always attaches at least one): it restricts nothing we know of.
            if (level.Policies(policyType).Count == 0)
            {
                continue;
            }
            if (decision.Verdict == PolicyVerdict.ImplicitlyDenied)
            {
                return new(type, PolicyVerdict.ImplicitlyDenied, false, [], $"no {type} attached to {level} allows it");
            }
            uncertain |= decision.Uncertain;
            deciding.AddRange(decision.Deciding);
        }
        return new(type, PolicyVerdict.Allowed, uncertain, deciding, $"every level from the root to the account allows it{(uncertain ? " (under conditions we cannot judge)" : "")}");
    }
}
