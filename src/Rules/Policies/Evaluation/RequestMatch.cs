namespace Ocado.Guardrails.Rules.Policies;

/// <summary>How a resource policy's Principal element reached the requester.</summary>
internal enum PrincipalMatch
{
    None,
    /// <summary><c>"*"</c> (or NotPrincipal that does not name it).</summary>
    Everyone,
    /// <summary>The requester's account (<c>123456789012</c> or <c>arn:aws:iam::123456789012:root</c>): a delegation to its IAM policies.</summary>
    Account,
    /// <summary>The user's or role's own ARN.</summary>
    PrincipalArn,
    /// <summary>The role session's own ARN.</summary>
    SessionArn,
    /// <summary>The requesting service, or the federated provider (web identity, SAML) a trust policy names.</summary>
    Service,
}

/// <summary>
/// Whether one statement applies to one concrete request: its actions (case-insensitive globs), its
/// resources (ARN globs, policy variables substituted), its principal (resource-based policies) and its
/// conditions. Null means we cannot tell (a condition we cannot judge).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
/// </summary>
internal static class RequestMatch
{
    public static bool NamesAction(PolicyStatement s, string action) =>
        s.NotActions.Count > 0
            ? !s.NotActions.Any(p => Wildcard.ActionMatches(p, action))
            : s.Actions.Any(p => Wildcard.ActionMatches(p, action));

    public static bool NamesResource(PolicyStatement s, RequestContext request)
    {
        var arn = Glob.Literal(request.Resource);
        bool Hit(string pattern) => PolicyVariables.SubstituteInResource(pattern, request) is { } p && Wildcard.ResourceMatches(p, arn);
        return s.NotResources.Count > 0 ? !s.NotResources.Any(Hit) : s.Resources.Any(Hit);
    }

    /// <summary>How the statement's Principal/NotPrincipal reaches the requester (identity policies have neither: <see cref="PrincipalMatch.Everyone"/>).</summary>
    public static PrincipalMatch Principal(PolicyStatement s, RequestPrincipal? who)
    {
        if (s.Principals.Count == 0 && s.NotPrincipals.Count == 0)
        {
            return PrincipalMatch.Everyone;
        }
        if (s.NotPrincipals.Count > 0)
        {
            return who is not null && !(!s.IsAllow && who.HasPermissionsBoundary) && s.NotPrincipals.Any(p => Reaches(p, who) != PrincipalMatch.None)
                ? PrincipalMatch.None
                : PrincipalMatch.Everyone;
        }
        return who is null
            ? s.Principals.Any(p => p.IsEveryone) ? PrincipalMatch.Everyone : PrincipalMatch.None
            : s.Principals.Select(p => Reaches(p, who)).DefaultIfEmpty(PrincipalMatch.None).Max();
    }

    /// <summary>Whether the statement applies: true, false, or null when only its conditions leave it open.</summary>
    public static bool? Applies(PolicyStatement s, RequestContext request, RequestPrincipal? who) =>
        NamesAction(s, request.Action) && NamesResource(s, request) && Principal(s, who) != PrincipalMatch.None
            ? ConditionEvaluator.Evaluate(s, request)
            : false;

    private static PrincipalMatch Reaches(PolicyPrincipal p, RequestPrincipal who)
    {
        if (p.IsEveryone)
        {
            return PrincipalMatch.Everyone;
        }
        var value = p.Value.Trim();
        if (p.Type == PolicyPrincipal.Service)
        {
            return who.Kind == RequestPrincipalKind.Service && string.Equals(value, who.Arn, StringComparison.OrdinalIgnoreCase) ? PrincipalMatch.Service : PrincipalMatch.None;
        }
        if (p.Type == PolicyPrincipal.Federated)
        {
            return who.Kind == RequestPrincipalKind.Federated && string.Equals(value, who.Arn, StringComparison.Ordinal) ? PrincipalMatch.Service : PrincipalMatch.None;
        }
        if (p.Type != PolicyPrincipal.Aws || who.Kind is RequestPrincipalKind.Service or RequestPrincipalKind.Anonymous or RequestPrincipalKind.Federated)
        {
            return PrincipalMatch.None;
        }
        if (value == who.AccountId || value == $"arn:aws:iam::{who.AccountId}:root" || value.EndsWith($"::{who.AccountId}:root", StringComparison.Ordinal))
        {
            return who.Kind == RequestPrincipalKind.Root ? PrincipalMatch.PrincipalArn : PrincipalMatch.Account;
        }
        return string.Equals(value, who.Arn, StringComparison.Ordinal) ? PrincipalMatch.PrincipalArn
            : who.SessionArn is not null && string.Equals(value, who.SessionArn, StringComparison.Ordinal) ? PrincipalMatch.SessionArn
            : PrincipalMatch.None;
    }
}
