using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Who a resource policy lets in: each principal of each Allow statement, classified against the
/// estate (own account, same customer, platform, another customer, unknown account, public, service,
/// federated). Deny statements grant nothing and are not listed, nor is the unique id AWS shows in place of a
/// deleted user or role (<see cref="PolicyPrincipal.IsDeletedPrincipalId"/>), which admits nobody.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
/// </summary>
public static class AccessAnalyzer
{
    private const int MaxActionsShown = 4;

    public static IReadOnlyList<AccessGrant> Grants(PolicyDocument policy, Resource owner, Estate estate) =>
        Grants(policy, owner.AccountId, estate);

    /// <summary>
    /// Who the resource's policy lets in, within the organisation as the scan read it: aws:PrincipalOrgID and
    /// aws:PrincipalOrgPaths pin to its members, and a foreign grant that the RCPs over the resource's account deny
    /// to every principal it would admit is fenced (<see cref="AccessGrant.FencedBy"/>), so not foreign.
    /// </summary>
    public static IReadOnlyList<AccessGrant> Grants(PolicyDocument policy, Resource owner, Estate estate, OrganizationView organization)
    {
        var grants = Grants(policy, owner.AccountId, estate, organization.Organization);
        if (organization.Organization is not { } org)
        {
            return grants;
        }
        return grants.Select(grant => grant.IsForeign ? Fenced(grant, owner, estate, org) : grant).ToList();
    }

    /// <summary>The grant, fenced when an RCP denies it to the account it reaches (or, for anyone, to every account outside the organisation whose members are all the customer's).</summary>
    private static AccessGrant Fenced(AccessGrant grant, Resource owner, Estate estate, Organization org)
    {
        var account = grant.Kind == GrantKind.Public ? null : grant.AccountId;
        if (grant.Kind != GrantKind.Public && account is null)
        {
            return grant;
        }
        if (ResourceControlFences.Fence(org, owner.AccountId, owner.Arn, grant.Statement, account) is not { } fence)
        {
            return grant;
        }
        if (account is null)
        {
            // Only those outside the organisation are fenced off: its members still reach the resource.
            var member = org.Accounts.Select(a => (Account: a, Kind: FromRelation(estate.Relation(a, owner.AccountId))))
                .FirstOrDefault(m => m.Kind is GrantKind.OtherCustomer or GrantKind.UnknownAccount);
            if (member.Account is not null)
            {
                return grant with
                {
                    Description = $"{grant.Description}; {fence.Label} admits only organisation {org.Id}, which holds {Relation(member.Kind, member.Account, estate)}",
                };
            }
        }
        return grant with { FencedBy = fence, Description = $"{grant.Description}, but {fence.Label} (an RCP) denies it" };
    }

    /// <param name="policy">The resource's policy.</param>
    /// <param name="ownerAccount">The resource's account.</param>
    /// <param name="estate">Which customer owns which account.</param>
    /// <param name="organization">
    /// The organisation, when known: then aws:PrincipalOrgID and aws:PrincipalOrgPaths pin a grant to its
    /// members (see <see cref="AccountPins"/>); without it they name no account.
    /// </param>
    public static IReadOnlyList<AccessGrant> Grants(PolicyDocument policy, string ownerAccount, Estate estate, Organization? organization = null)
    {
        var grants = new List<AccessGrant>();
        foreach (var statement in policy.Statements)
        {
            // A statement whose aws:ResourceAccount test names another account can never apply to this resource.
            if (!statement.IsAllow || ResourceContext.NeverApplies(statement, ownerAccount))
            {
                continue;
            }
            var (pins, pinConditions) = AccountPins.Of(statement, organization);
            var others = Others(statement.Conditions, pinConditions);
            // An Allow with NotPrincipal lets in everyone but the named principals.
            var principals = statement.NotPrincipals.Count > 0 ? [new PolicyPrincipal(PolicyPrincipal.Aws, "*")] : statement.Principals;
            foreach (var principal in principals)
            {
                // A deleted user's or role's unique id admits nobody (iam-role-trust-no-deleted-principals reports it).
                if (!principal.IsDeletedPrincipalId)
                {
                    grants.Add(Classify(principal, statement, pins, pinConditions, others, ownerAccount, estate));
                }
            }
        }
        return grants;
    }

    /// <summary>The conditions that did not pin, each once (as <see cref="Enumerable.Except{TSource}(IEnumerable{TSource}, IEnumerable{TSource})"/> gives them), without its set: a statement holds a few.</summary>
    private static List<PolicyCondition> Others(IReadOnlyList<PolicyCondition> conditions, IReadOnlyList<PolicyCondition> pins)
    {
        var others = new List<PolicyCondition>(conditions.Count);
        foreach (var condition in conditions)
        {
            if (!Holds(pins, condition) && !Holds(others, condition))
            {
                others.Add(condition);
            }
        }
        return others;
    }

    private static bool Holds(IReadOnlyList<PolicyCondition> conditions, PolicyCondition condition)
    {
        foreach (var held in conditions)
        {
            if (EqualityComparer<PolicyCondition>.Default.Equals(held, condition))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The descriptions of several grants, for one message.</summary>
    public static string Describe(IEnumerable<AccessGrant> grants) => string.Join("; ", grants.Select(g => g.Description));

    private static AccessGrant Classify(
        PolicyPrincipal principal, PolicyStatement statement, IReadOnlySet<string>? pins, IReadOnlyList<PolicyCondition> pinConditions,
        List<PolicyCondition> others, string owner, Estate estate)
    {
        // The most exposed account the pins admit (none at all, contradictory pins, reaches nobody: as safe as the own account).
        (GrantKind Kind, string? Account)? pin = pins is null ? null : MostExposed(pins, owner, estate);
        var pinnedToAllowed = pin?.Kind is GrantKind.Own or GrantKind.SameCustomer or GrantKind.Platform;
        var named = principal.Type == PolicyPrincipal.Aws && !principal.IsEveryone ? AccountOfPrincipal(principal.Value) : null;
        var provider = principal.Type == PolicyPrincipal.Federated ? AccountPins.AccountOfArn(principal.Value) : null;
        var providerKind = provider is null ? GrantKind.Federated : FromRelation(estate.Relation(provider, owner));
        var wildcardService = principal.Type == PolicyPrincipal.Service && principal.Value.Contains('*', StringComparison.Ordinal);
        (GrantKind Kind, string? Account, bool FromPins) grant = principal switch
        {
            // "*", and a wildcard service that acts for whichever account asks it, are public unless pinned.
            _ when principal.IsEveryone || wildcardService => pin is { } p ? (p.Kind, p.Account, true) : (GrantKind.Public, null, false),
            { Type: PolicyPrincipal.Aws } when named is not null && AwsServiceAccounts.Contains(named) => (GrantKind.Service, null, false),
            { Type: PolicyPrincipal.Aws } when pinnedToAllowed => (pin!.Value.Kind, pin.Value.Account, true),
            { Type: PolicyPrincipal.Aws } when named is not null => (FromRelation(estate.Relation(named, owner)), named, false),
            { Type: PolicyPrincipal.Service } when pin is { } p && !pinnedToAllowed => (p.Kind, p.Account, true),
            { Type: PolicyPrincipal.Service } => (GrantKind.Service, null, false),
            { Type: PolicyPrincipal.Federated } when providerKind is GrantKind.OtherCustomer or GrantKind.UnknownAccount => (providerKind, provider, false),
            { Type: PolicyPrincipal.Federated } => (GrantKind.Federated, provider, false),
            _ => (GrantKind.UnknownAccount, null, false),
        };
        return new AccessGrant(grant.Kind, principal.Value, grant.Account, pins is not null, others.Count > 0, statement,
            () => Describe(principal, statement, grant, pinConditions, others, estate));
    }

    /// <summary>The most exposed account of the pins, the first of equals in the set's order; none at all reaches no one, as the own account.</summary>
    private static (GrantKind Kind, string? Account) MostExposed(IReadOnlySet<string> pins, string owner, Estate estate)
    {
        (GrantKind Kind, string? Account) most = (GrantKind.Own, null);
        var first = true;
        foreach (var account in pins)
        {
            var kind = FromRelation(estate.Relation(account, owner));
            if (first || kind > most.Kind)
            {
                most = (kind, account);
                first = false;
            }
        }
        return most;
    }

    private static string Describe(
        PolicyPrincipal principal, PolicyStatement statement, (GrantKind Kind, string? Account, bool FromPins) grant,
        IReadOnlyList<PolicyCondition> pins, List<PolicyCondition> others, Estate estate)
    {
        var who = principal switch
        {
            { IsEveryone: true } when statement.NotPrincipals.Count > 0 => $"anyone but {string.Join(", ", statement.NotPrincipals)}",
            { IsEveryone: true } => "anyone (Principal \"*\")",
            { Type: PolicyPrincipal.Service } => $"service {principal.Value}",
            { Type: PolicyPrincipal.Federated } => $"identities federated by {principal.Value}",
            { Type: PolicyPrincipal.CanonicalUser } => $"canonical user {principal.Value}",
            _ => principal.Value,
        };
        var actions = statement.NotActions.Count > 0 || statement.Actions.Count <= MaxActionsShown
            ? statement.ActionsText
            : string.Join(", ", statement.Actions.Take(MaxActionsShown)) + $" and {statement.Actions.Count - MaxActionsShown} more";
        var relation = Relation(grant.Kind, grant.Account, estate);
        var text = grant.FromPins
            ? $"{who} (limited by {string.Join(" and ", pins)} to {relation}) may {actions} under {statement.Label}"
            : $"{who} ({relation}) may {actions} under {statement.Label}";
        var conditions = grant.FromPins ? others : [.. pins, .. others];
        if (conditions.Count > 0)
        {
            text += $", conditional on {string.Join(" and ", conditions)}";
            if (grant.Kind == GrantKind.Public)
            {
                text += ", which names no account and so does not pin it";
            }
        }
        return text;
    }

    private static string Relation(GrantKind kind, string? account, Estate estate) => kind switch
    {
        GrantKind.Own => "the resource's own account",
        GrantKind.SameCustomer => $"account {account} of the same customer",
        GrantKind.Platform => $"platform account {account}",
        GrantKind.OtherCustomer => $"account {account} of another customer, {estate.CustomerOf(account ?? "")?.Id}",
        GrantKind.UnknownAccount when account is null => "not an account we can identify",
        GrantKind.UnknownAccount => $"account {account}, outside the estate",
        GrantKind.Public => "public",
        GrantKind.Service => "an AWS service",
        _ => "a federation provider",
    };

    /// <summary>A 12-digit account id, or the account of an IAM/STS ARN; null for unique ids and canonical ids.</summary>
    private static string? AccountOfPrincipal(string value)
    {
        var text = value.Trim();
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return text;
        }
        return AccountPins.AccountOfArn(text);
    }

    private static GrantKind FromRelation(AccountRelation relation) => relation switch
    {
        AccountRelation.Own => GrantKind.Own,
        AccountRelation.SameCustomer => GrantKind.SameCustomer,
        AccountRelation.Platform => GrantKind.Platform,
        AccountRelation.OtherCustomer => GrantKind.OtherCustomer,
        _ => GrantKind.UnknownAccount,
    };
}
