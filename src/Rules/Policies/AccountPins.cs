using Ocado.Guardrails.Rules.Organizations;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Conditions that pin a grant to accounts: the request must come from, or on behalf of, one of the
/// named accounts. Only a positive equality on a single-valued key pins, bare or under ForAnyValue (which
/// on a single-valued key is the same equality, and is false when the key is absent): an ...IfExists
/// test passes when the key is absent (a direct call), a ForAllValues test passes on an empty set, and a
/// wildcard value (<c>kms:CallerAccount "*"</c>) names no account. aws:SourceVpce, aws:SourceIp and the
/// like limit a grant but name no account, so they do not pin; nor do aws:ResourceAccount and
/// s3:ResourceAccount, which name the account of the resource, not of the caller (in a resource's own
/// policy they always hold). aws:PrincipalOrgID and aws:PrincipalOrgPaths pin only when the organisation
/// is known, to its accounts (or those under the OU paths): customers may share an organisation, so
/// without its map an organisation id names no account we can judge.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
/// and https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account
/// </summary>
internal static class AccountPins
{
    private static readonly string[] AccountKeys = ["aws:SourceAccount", "aws:SourceOwner", "aws:PrincipalAccount", "kms:CallerAccount"];

    private static readonly string[] ArnKeys = ["aws:SourceArn", "aws:PrincipalArn"];

    private static readonly string[] PinningOperators = ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike"];

    /// <summary>
    /// The accounts a statement's conditions allow (null when nothing pins it), and the conditions that
    /// pinned. Several pinning keys are ANDed, so their accounts intersect.
    /// </summary>
    public static (IReadOnlySet<string>? Accounts, IReadOnlyList<PolicyCondition> Pins) Of(PolicyStatement statement, Organization? organization = null)
    {
        HashSet<string>? accounts = null;
        List<PolicyCondition>? pins = null;
        foreach (var condition in statement.Conditions)
        {
            if (organization is not null && OrganizationPins.Of(condition, organization) is { } members)
            {
                accounts = accounts is null ? members.ToHashSet(StringComparer.Ordinal) : accounts.Intersect(members, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
                (pins ??= []).Add(condition);
                continue;
            }
            var byArn = IsAnyKey(condition, ArnKeys);
            if (!(byArn || IsAnyKey(condition, AccountKeys)) || condition.Set == ConditionSetOperator.ForAllValues || condition.IfExists
                || !PinningOperators.Contains(condition.BaseOperator, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (Named(condition.Values, byArn) is not { } set)
            {
                continue;
            }
            accounts = accounts is null ? set : accounts.Intersect(set, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            (pins ??= []).Add(condition);
        }
        return (accounts, pins is null ? [] : pins);
    }

    /// <summary>Whether the condition tests one of the keys (a loop, not a delegate made for every condition).</summary>
    internal static bool IsAnyKey(PolicyCondition condition, string[] keys)
    {
        foreach (var key in keys)
        {
            if (condition.IsKey(key))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The accounts the values name, each concrete; null when there are none or one is not.</summary>
    private static HashSet<string>? Named(IReadOnlyList<string> values, bool byArn)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var set = new HashSet<string>(values.Count, StringComparer.Ordinal);
        foreach (var value in values)
        {
            if ((byArn ? AccountOfArn(value) : Concrete(value)) is not { } account)
            {
                return null;
            }
            set.Add(account);
        }
        return set;
    }

    /// <summary>The account segment of an ARN (also of a short one such as <c>arn:aws:sns:us-east-1:123456789012</c>), when it is concrete.</summary>
    public static string? AccountOfArn(string arn)
    {
        var parts = arn.Trim().Split(':');
        return parts.Length >= 5 && parts[0] == "arn" ? Concrete(parts[4]) : null;
    }

    private static string? Concrete(string value)
    {
        var text = value.Trim();
        return text.Length > 0 && text.IndexOfAny(['*', '?']) < 0 && !text.Contains("${", StringComparison.Ordinal) ? text : null;
    }
}
