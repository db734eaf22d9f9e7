namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// One principal an Allow statement of a resource policy lets in, classified against the estate.
/// </summary>
/// <param name="Kind">Who it is, relative to the resource's owner.</param>
/// <param name="Principal">The principal as the policy names it (<c>*</c>, an account, an ARN, a service).</param>
/// <param name="AccountId">The account the grant reaches, when one is known.</param>
/// <param name="Pinned">A condition (aws:SourceAccount, aws:PrincipalAccount, kms:CallerAccount, ...) pins it to accounts.</param>
/// <param name="Conditional">Other conditions limit it, which we cannot judge.</param>
/// <param name="Statement">The statement that grants it.</param>
/// <param name="Description">A sentence naming the principal, its relation, the actions and the statement.</param>
public sealed record AccessGrant(
    GrantKind Kind,
    string Principal,
    string? AccountId,
    bool Pinned,
    bool Conditional,
    PolicyStatement Statement,
    string Description)
{
    /// <summary>
    /// The RCP statement that denies this grant to every principal it would let in, when the organisation was read
    /// and one does: the grant is then fenced, and not foreign whatever its principal.
    /// </summary>
    public PolicyStatement? FencedBy { get; init; }

    /// <summary>Another customer, an unknown account, or anyone, and no RCP fences it: what segregation forbids.</summary>
    public bool IsForeign => Kind is GrantKind.OtherCustomer or GrantKind.UnknownAccount or GrantKind.Public && FencedBy is null;

    /// <summary>The principal is <c>*</c> (pinned or not).</summary>
    public bool IsEveryone => Principal == "*";

    public override string ToString() => Description;
}
