using Ocado.Guardrails.Rules.Organizations;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Whether the RCPs over a resource's account deny what a resource policy grants to a foreign principal,
/// whoever of that principal's account asks. Only a Deny whose conditions test what is the same for every
/// principal of an account (its account, its organisation, whether it is an AWS service) is counted: one that
/// tests a principal's ARN or tags may let some principal of that account through, so it fences nothing we
/// can be sure of. An RCP level that does not allow is not counted either (AWS attaches RCPFullAWSAccess).
/// See https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
/// </summary>
internal static class ResourceControlFences
{
    /// <summary>Keys whose value is the same for every principal of one account.</summary>
    private static readonly HashSet<string> AccountKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalIsAWSService",
        "aws:ResourceAccount", "aws:ResourceOrgID", "aws:ResourceOrgPaths",
    };

    /// <summary>
    /// The RCP statement that denies every action of <paramref name="grant"/> on the resource to the principals of
    /// <paramref name="principalAccount"/> (null: of any account outside the organisation), or null when none does.
    /// </summary>
    public static PolicyStatement? Fence(Organization organization, string ownerAccount, string resourceArn, PolicyStatement grant, string? principalAccount)
    {
        if (grant.NotActions.Count > 0 || grant.Actions.Count == 0 || !organization.IsMember(ownerAccount) || ownerAccount == organization.ManagementAccountId)
        {
            return null;
        }
        var path = organization.PathOf(ownerAccount);
        var denies = path.SelectMany(level => level.ResourceControlPolicies).SelectMany(p => p.Statements)
            .Where(s => !s.IsAllow && s.Conditions.All(c => AccountKeys.Contains(c.Key) && (principalAccount is not null || !c.IsKey("aws:PrincipalAccount"))))
            .ToList();
        PolicyStatement? fence = null;
        foreach (var action in grant.Actions)
        {
            if (!ServiceCatalog.RcpServices.Contains(action.Split(':')[0].ToLowerInvariant()))
            {
                return null;
            }
            // A wildcard action is asked as written: a Deny fences it only when its own pattern takes in that text
            // ("s3:*" or "*" does; "s3:GetObject" does not), never more than the grant names.
            var request = Request(organization, ownerAccount, resourceArn, action, principalAccount);
            var deny = denies.FirstOrDefault(s => RequestMatch.Applies(s, request, null) == true);
            if (deny is null)
            {
                return null;
            }
            fence ??= deny;
        }
        return fence;
    }

    private static RequestContext Request(Organization organization, string ownerAccount, string resourceArn, string action, string? principalAccount)
    {
        var request = new RequestContext(action, resourceArn)
            .With("aws:PrincipalIsAWSService", "false")
            .With("aws:ResourceAccount", ownerAccount)
            .With("aws:ResourceOrgID", organization.Id)
            .With("aws:PrincipalAccount", principalAccount);
        if (principalAccount is not null && organization.IsMember(principalAccount))
        {
            request.With("aws:PrincipalOrgID", organization.Id).WithValues("aws:PrincipalOrgPaths", organization.OrgPathOf(principalAccount)!);
        }
        if (organization.OrgPathOf(ownerAccount) is { } resourcePath)
        {
            request.WithValues("aws:ResourceOrgPaths", resourcePath);
        }
        return request;
    }
}
