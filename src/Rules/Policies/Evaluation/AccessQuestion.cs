using Ocado.Guardrails.Rules.Organizations;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// May this principal make this request? Everything AWS's evaluation logic looks at: the principal's
/// identity-based policies and permissions boundary, the resource's policy and account, and the
/// organisation whose SCPs and RCPs apply. What is left out takes no part (no boundary, no resource
/// policy, no organisation known).
/// </summary>
public sealed record AccessQuestion(RequestPrincipal Principal, RequestContext Request)
{
    /// <summary>Inline, attached managed and (for a user) its groups' policies.</summary>
    public IReadOnlyList<PolicyDocument> IdentityPolicies { get; init; } = [];

    public PolicyDocument? PermissionsBoundary { get; init; }

    public PolicyDocument? ResourcePolicy { get; init; }

    /// <summary>The account that owns the resource; null when unknown (then the request is judged as within the principal's account).</summary>
    public string? ResourceAccount { get; init; }

    public Organization? Organization { get; init; }
}

/// <summary>The answer: allowed or not, whether a condition we could not judge might change it, and each policy type's say.</summary>
public sealed record AccessAnswer(bool Allowed, bool Uncertain, string Reason, IReadOnlyList<PolicyTypeDecision> Decisions)
{
    public override string ToString() =>
        $"{(Allowed ? "allowed" : "denied")}{(Uncertain ? " (conditional)" : "")}: {Reason} [{string.Join("; ", Decisions.Where(d => d.Verdict != PolicyVerdict.NotApplicable))}]";
}
