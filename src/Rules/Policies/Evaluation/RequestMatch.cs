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
    // Loops, not Any with a lambda: every question the evaluator answers asks these of every statement, and each lambda
    // made a closure, a delegate and an enumerator of the boxed list.
    public static bool NamesAction(PolicyStatement s, string action) =>
        s.NotActions.Count > 0 ? !AnyAction(s.NotActions, action) : AnyAction(s.Actions, action);

    private static bool AnyAction(IReadOnlyList<string> patterns, string action)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (Wildcard.ActionMatches(patterns[i], action))
            {
                return true;
            }
        }
        return false;
    }

    public static bool NamesResource(PolicyStatement s, RequestContext request)
    {
        var arn = Glob.Literal(request.Resource);
        return s.NotResources.Count > 0 ? !AnyResource(s.NotResources, request, arn) : AnyResource(s.Resources, request, arn);
    }

    private static bool AnyResource(IReadOnlyList<string> patterns, RequestContext request, string arn)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (PolicyVariables.SubstituteInResource(patterns[i], request) is { } pattern && Wildcard.ResourceMatches(pattern, arn))
            {
                return true;
            }
        }
        return false;
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
            return who is not null && !(!s.IsAllow && who.HasPermissionsBoundary) && Best(s.NotPrincipals, who) != PrincipalMatch.None
                ? PrincipalMatch.None
                : PrincipalMatch.Everyone;
        }
        return who is null
            ? s.Principals.Any(p => p.IsEveryone) ? PrincipalMatch.Everyone : PrincipalMatch.None
            : Best(s.Principals, who);
    }

    /// <summary>The closest way any of the principals reaches the requester (<see cref="PrincipalMatch.None"/> for none).</summary>
    private static PrincipalMatch Best(IReadOnlyList<PolicyPrincipal> principals, RequestPrincipal who)
    {
        var best = PrincipalMatch.None;
        for (var i = 0; i < principals.Count; i++)
        {
            if (Reaches(principals[i], who) is var reach && reach > best)
            {
                best = reach;
            }
        }
        return best;
    }

    /// <summary>Whether the statement applies: true, false, or null when only its conditions leave it open.</summary>
    public static bool? Applies(PolicyStatement s, RequestContext request, RequestPrincipal? who) =>
        NamesAction(s, request.Action) && NamesResource(s, request) && Principal(s, who) != PrincipalMatch.None
            ? ConditionEvaluator.Evaluate(s, request)
            : false;

    /// <summary>Whether the value ends in <c>::ACCOUNT:root</c> (<c>arn:aws:iam::ACCOUNT:root</c> among them), read in place rather than written for each principal asked.</summary>
    private static bool NamesRootOf(string value, string account)
    {
        var text = value.AsSpan();
        if (!text.EndsWith(":root", StringComparison.Ordinal))
        {
            return false;
        }
        var head = text[..^":root".Length];
        return head.EndsWith(account, StringComparison.Ordinal) && head[..^account.Length].EndsWith("::", StringComparison.Ordinal);
    }

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
        if (value == who.AccountId || NamesRootOf(value, who.AccountId))
        {
            return who.Kind == RequestPrincipalKind.Root ? PrincipalMatch.PrincipalArn : PrincipalMatch.Account;
        }
        return string.Equals(value, who.Arn, StringComparison.Ordinal) ? PrincipalMatch.PrincipalArn
            : who.SessionArn is not null && string.Equals(value, who.SessionArn, StringComparison.Ordinal) ? PrincipalMatch.SessionArn
            : PrincipalMatch.None;
    }
}
