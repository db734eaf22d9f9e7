using Ocado.Guardrails.Rules.Organizations;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The accounts an organisation condition admits, when the organisation is known: aws:PrincipalOrgID
/// equal to its id admits every member (which may include other customers: the segregation rules then
/// still see them); aws:PrincipalOrgPaths (ForAnyValue:StringEquals or StringLike, as AWS documents it)
/// admits the members whose path matches. Null when the condition is not one of these, or is one that
/// does not constrain (IfExists, ForAllValues, a negation).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
/// </summary>
internal static class OrganizationPins
{
    public static IReadOnlyList<string>? Of(PolicyCondition condition, Organization organization)
    {
        var equals = condition.BaseOperator.Equals("StringEquals", StringComparison.OrdinalIgnoreCase);
        var like = condition.BaseOperator.Equals("StringLike", StringComparison.OrdinalIgnoreCase);
        if (!(equals || like) || condition.IfExists || condition.Set == ConditionSetOperator.ForAllValues || condition.Values.Count == 0)
        {
            return null;
        }
        if (condition.IsKey("aws:PrincipalOrgID"))
        {
            return condition.Values.Any(v => equals ? v == organization.Id : Wildcard.Matches(v, organization.Id, ignoreCase: false))
                ? organization.Accounts.ToList()
                : [];
        }
        if (condition.IsKey("aws:PrincipalOrgPaths"))
        {
            return organization.Accounts
                .Where(a => organization.OrgPathOf(a) is { } path
                    && condition.Values.Any(v => equals ? string.Equals(v, path, StringComparison.Ordinal) : Wildcard.Matches(v, path, ignoreCase: false)))
                .ToList();
        }
        return null;
    }
}
