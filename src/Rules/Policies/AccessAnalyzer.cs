using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Who a resource policy lets in: each principal of each Allow statement, classified against the
/// estate (own account, same customer, platform, another customer, unknown account, public, service,
/// federated). Deny statements grant nothing and are not listed.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
/// </summary>
public static class AccessAnalyzer
{
    /// <summary>AWS's own principals in a special "account" (CloudFront origin access identities).</summary>
    private static readonly string[] AwsOwnedAccounts = ["cloudfront"];

    private const int MaxActionsShown = 4;

    public static IReadOnlyList<AccessGrant> Grants(PolicyDocument policy, Resource owner, Estate estate) =>
        Grants(policy, owner.AccountId, estate);

    public static IReadOnlyList<AccessGrant> Grants(PolicyDocument policy, string ownerAccount, Estate estate)
    {
        var grants = new List<AccessGrant>();
        foreach (var statement in policy.Statements.Where(s => s.IsAllow))
        {
            var (pins, pinConditions) = AccountPins.Of(statement);
            var others = statement.Conditions.Except(pinConditions).ToList();
            // An Allow with NotPrincipal lets in everyone but the named principals.
            var principals = statement.NotPrincipals.Count > 0 ? [new PolicyPrincipal(PolicyPrincipal.Aws, "*")] : statement.Principals;
            foreach (var principal in principals)
            {
                grants.Add(Classify(principal, statement, pins, pinConditions, others, ownerAccount, estate));
            }
        }
        return grants;
    }

    /// <summary>The descriptions of several grants, for one message.</summary>
    public static string Describe(IEnumerable<AccessGrant> grants) => string.Join("; ", grants.Select(g => g.Description));

    private static AccessGrant Classify(
        PolicyPrincipal principal, PolicyStatement statement, IReadOnlySet<string>? pins, IReadOnlyList<PolicyCondition> pinConditions,
        List<PolicyCondition> others, string owner, Estate estate)
    {
        var pinnedKind = pins is null ? (GrantKind?)null : Worst(pins.Select(a => FromRelation(estate.Relation(a, owner))));
        var pinnedToAllowed = pinnedKind is GrantKind.Own or GrantKind.SameCustomer or GrantKind.Platform;
        string? account = pins is { Count: 1 } ? pins.First() : null;
        GrantKind kind;
        switch (principal.Type)
        {
            case PolicyPrincipal.Aws when principal.IsEveryone:
                kind = pinnedKind ?? GrantKind.Public;
                break;
            case PolicyPrincipal.Aws:
                var named = AccountOfPrincipal(principal.Value);
                if (named is not null && AwsOwnedAccounts.Contains(named))
                {
                    kind = GrantKind.Service;
                    break;
                }
                account = named;
                kind = pinnedToAllowed ? pinnedKind!.Value
                    : named is null ? GrantKind.UnknownAccount
                    : FromRelation(estate.Relation(named, owner));
                break;
            case PolicyPrincipal.Service when principal.Value.Contains('*', StringComparison.Ordinal):
                // A wildcard service acts for whichever account asks it: as open as "*" unless pinned.
                kind = pinnedKind ?? GrantKind.Public;
                break;
            case PolicyPrincipal.Service:
                kind = pinnedKind is { } k && !pinnedToAllowed ? k : GrantKind.Service;
                break;
            case PolicyPrincipal.Federated:
                account = AccountPins.AccountOfArn(principal.Value);
                var provider = account is null ? GrantKind.Federated : FromRelation(estate.Relation(account, owner));
                kind = provider is GrantKind.OtherCustomer or GrantKind.UnknownAccount ? provider : GrantKind.Federated;
                break;
            default:
                kind = GrantKind.UnknownAccount;
                break;
        }
        var description = Describe(principal, statement, kind, account, pinConditions, others, estate);
        return new AccessGrant(kind, principal.Value, account, pins is not null, others.Count > 0, statement, description);
    }

    private static string Describe(
        PolicyPrincipal principal, PolicyStatement statement, GrantKind kind, string? account,
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
        var text = $"{who} ({Relation(kind, account, estate)}) may {actions} under {statement.Label}";
        if (pins.Count > 0)
        {
            text += $", pinned by {string.Join(" and ", pins)}";
        }
        if (others.Count > 0)
        {
            text += $", conditional on {string.Join(" and ", others)}";
            if (kind == GrantKind.Public)
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

    /// <summary>The most exposed of several kinds; none at all (contradictory pins) reaches nobody, as safe as the own account.</summary>
    private static GrantKind Worst(IEnumerable<GrantKind> kinds) => kinds.DefaultIfEmpty(GrantKind.Own).Max();
}
