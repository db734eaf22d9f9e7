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
    // Most grants are not foreign, and only a foreign one's sentence is read (a Fail's message): the analyzer gives a
    // grant how to write it, and it is written when first read. Equality and hashing read it, as they always compared it.
    private string? _description = Description;
    private Func<string>? _describe;

    /// <summary>A grant whose description is written by <paramref name="describe"/> when first read.</summary>
    internal AccessGrant(GrantKind kind, string principal, string? accountId, bool pinned, bool conditional, PolicyStatement statement, Func<string> describe)
        : this(kind, principal, accountId, pinned, conditional, statement, Description: null!) =>
        _describe = describe;

    /// <summary>A sentence naming the principal, its relation, the actions and the statement.</summary>
    public string Description
    {
        get => _description ??= _describe!();
        init
        {
            _description = value;
            _describe = null;
        }
    }

    public bool Equals(AccessGrant? other) =>
        ReferenceEquals(this, other) || (other is not null && Kind == other.Kind && Principal == other.Principal && AccountId == other.AccountId
            && Pinned == other.Pinned && Conditional == other.Conditional && Equals(Statement, other.Statement)
            && Description == other.Description && Equals(FencedBy, other.FencedBy));

    public override int GetHashCode() => HashCode.Combine(Kind, Principal, AccountId, Pinned, Conditional, Statement, Description, FencedBy);

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
