namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One way a principal can move a tag an ABAC grant depends on: the grant, the tagging action, the resource it
/// would act on (the principal itself for its own aws:PrincipalTag, else what the grant's Resource names) and the
/// evaluator's answer, which allowed it.
/// </summary>
public sealed record RetagPath(AbacGrant Grant, TaggingAction Action, string Target, AccessAnswer Answer)
{
    /// <summary>The Allow statements of the principal's own policies that let it change the tag.</summary>
    public IReadOnlyList<PolicyStatement> Allowing =>
        [.. Answer.Decisions.Where(d => d.Verdict == PolicyVerdict.Allowed && d.PolicyType is "identity-based policies" or "resource-based policy")
            .SelectMany(d => d.Deciding).Where(s => s.IsAllow)];

    /// <summary>"iam:TagRole on itself moves aws:PrincipalTag/customer, which statement 'x' of p grants on (conditional)".</summary>
    public string Describe(string principalArn)
    {
        var on = Target == principalArn ? "itself" : Target;
        var verb = Action.Removes ? "removes" : "rewrites";
        var by = Allowing.Count == 0 ? "" : $" (allowed by {string.Join(", ", Allowing.Select(s => s.Label).Distinct())})";
        return $"{Action.Action} on {on} {verb} {Grant.KeyText}, on which {Grant.Statement.Label} grants {Grant.Statement.ActionsText}{by}{(Answer.Uncertain ? " (conditional)" : "")}";
    }
}
