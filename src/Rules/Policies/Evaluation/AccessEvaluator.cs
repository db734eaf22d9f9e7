using Ocado.Guardrails.Rules.Organizations;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// AWS's policy evaluation logic for one request, policy type by policy type: an explicit Deny in any
/// policy decides; then RCPs and SCPs must allow at every level; then a resource-based policy may allow
/// on its own within the account (when it names the user, the role session or, within the boundary,
/// the role); else the identity-based policies must allow, within the permissions boundary; across
/// accounts both the resource's policy and the principal's own account must allow. Session policies are
/// not modelled.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-eval-logic
/// and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
/// </summary>
public static class AccessEvaluator
{
    public static AccessAnswer Evaluate(AccessQuestion question)
    {
        var who = question.Principal with { HasPermissionsBoundary = question.PermissionsBoundary is not null };
        var request = Complete(question);
        var resourceAccount = question.ResourceAccount ?? who.AccountId;
        var org = question.Organization;
        var hasIdentity = who.Kind is RequestPrincipalKind.User or RequestPrincipalKind.Role;
        var decisions = new List<PolicyTypeDecision>
        {
            org is null ? PolicyTypeDecision.NotApplicable("SCP", "no organisation known") : OrganizationPolicies.ServiceControl(org, who, request),
            org is null ? PolicyTypeDecision.NotApplicable("RCP", "no organisation known") : OrganizationPolicies.ResourceControl(org, resourceAccount, who, request),
            question.ResourcePolicy is { } rp
                ? PolicyTypeDecision.Judge("resource-based policy", rp.Statements, request, who)
                : PolicyTypeDecision.NotApplicable("resource-based policy", "the resource has none"),
            hasIdentity
                ? PolicyTypeDecision.Judge("identity-based policies", question.IdentityPolicies.SelectMany(p => p.Statements), request, who)
                : PolicyTypeDecision.NotApplicable("identity-based policies", who.Kind == RequestPrincipalKind.Root ? "the root user is allowed everything its SCPs allow" : "the principal has none"),
            hasIdentity && question.PermissionsBoundary is { } boundary
                ? PolicyTypeDecision.Judge("permissions boundary", boundary.Statements, request, who)
                : PolicyTypeDecision.NotApplicable("permissions boundary", "none is set"),
        };
        var (scp, rcp, resource, identity, limit) = (decisions[0], decisions[1], decisions[2], decisions[3], decisions[4]);
        var uncertain = decisions.Any(d => d.Uncertain && d.Verdict == PolicyVerdict.Allowed);
        if (decisions.FirstOrDefault(d => d.Verdict == PolicyVerdict.ExplicitlyDenied) is { } deny)
        {
            return new(false, false, $"explicitly denied: {deny}", decisions);
        }
        foreach (var guardrail in new[] { rcp, scp })
        {
            if (guardrail.Verdict == PolicyVerdict.ImplicitlyDenied)
            {
                return new(false, false, $"not allowed by the organisation: {guardrail}", decisions);
            }
        }
        var withinBoundary = limit.Verdict != PolicyVerdict.ImplicitlyDenied;
        var identityAllows = who.Kind == RequestPrincipalKind.Root || (identity.Verdict == PolicyVerdict.Allowed && withinBoundary);
        var resourceAllows = resource.Verdict == PolicyVerdict.Allowed;
        if (resourceAccount != who.AccountId && who.Kind is not (RequestPrincipalKind.Service or RequestPrincipalKind.Anonymous or RequestPrincipalKind.Federated))
        {
            // Across accounts the resource's owner and the principal's account must both allow.
            return resourceAllows && identityAllows
                ? new(true, uncertain, "cross-account: both the resource-based policy and the principal's own policies allow it", decisions)
                : new(false, false, $"cross-account: {(resourceAllows ? "the principal's own policies do not allow it" : "the resource-based policy does not allow it")}", decisions);
        }
        if (resourceAllows && ResourceGrantStandsAlone(resource, request, who, withinBoundary) is { } why)
        {
            return new(true, uncertain, why, decisions);
        }
        if (identityAllows)
        {
            return new(true, uncertain, "the identity-based policies allow it" + (limit.Verdict == PolicyVerdict.Allowed ? ", within the permissions boundary" : ""), decisions);
        }
        return new(false, false, identity.Verdict == PolicyVerdict.Allowed ? "the permissions boundary does not allow it" : "implicitly denied: no policy allows it", decisions);
    }

    /// <summary>
    /// Within one account a resource-based policy allows on its own, by whom it names: a user's ARN or a
    /// role session's ARN escape the boundary's implicit deny, a role's ARN does not; naming the account
    /// delegates to the identity-based policies. <c>"*"</c> and service grants allow on their own, as the
    /// evaluation flow chart has it (a same-account resource-based allow is final; only a grant to the role's
    /// ARN is documented as bound by the boundary); @cloud-copilot/iam-simulate agrees (tests/Differential).
    /// </summary>
    private static string? ResourceGrantStandsAlone(PolicyTypeDecision resource, RequestContext request, RequestPrincipal who, bool withinBoundary)
    {
        // Each allowing statement on its own: one that names the account (a delegation) must not hide another that names "*" or the principal.
        return resource.Deciding.Where(s => s.IsAllow && RequestMatch.Applies(s, request, who) != false)
            .Select(s => RequestMatch.Principal(s, who)).Distinct().OrderDescending()
            .Select(match => StandsAlone(match, who, withinBoundary)).FirstOrDefault(why => why is not null);
    }

    private static string? StandsAlone(PrincipalMatch match, RequestPrincipal who, bool withinBoundary) => match switch
    {
        PrincipalMatch.SessionArn => "the resource-based policy names the role session",
        PrincipalMatch.PrincipalArn when who.Kind is RequestPrincipalKind.User or RequestPrincipalKind.Root => "the resource-based policy names the user",
        PrincipalMatch.PrincipalArn when withinBoundary => "the resource-based policy names the role, within its permissions boundary",
        PrincipalMatch.Everyone or PrincipalMatch.Service => "the resource-based policy allows it",
        _ => null,
    };

    /// <summary>The request context keys AWS sets that the question implies, unless the caller set them.</summary>
    private static RequestContext Complete(AccessQuestion question)
    {
        var request = question.Request;
        var copy = question.Principal.Describe(new RequestContext(request.Action, request.Resource));
        if (question.ResourceAccount is { } account)
        {
            copy.With("aws:ResourceAccount", account);
        }
        if (question.Organization is { } org && org.IsMember(question.Principal.AccountId))
        {
            copy.With("aws:PrincipalOrgID", org.Id).WithValues("aws:PrincipalOrgPaths", org.OrgPathOf(question.Principal.AccountId)!);
        }
        if (question.Organization is { } owner && owner.IsMember(question.ResourceAccount ?? question.Principal.AccountId))
        {
            copy.With("aws:ResourceOrgID", owner.Id);
        }
        // What the caller set wins: a test may stand for any request AWS could see.
        foreach (var (key, values) in request.Keys)
        {
            copy.WithValues(key, values);
        }
        return copy;
    }
}
