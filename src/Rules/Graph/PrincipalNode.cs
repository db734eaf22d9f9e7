using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>What a node of the principal graph stands for.</summary>
public enum PrincipalNodeKind
{
    User,
    Role,
    /// <summary>
    /// Any principal of an account the scan did not read, named by a trust policy: its own policies are
    /// unknown, so it is taken to hold every permission (the worst case).
    /// </summary>
    ExternalAccount,
    /// <summary>Anyone at all: a trust policy's <c>"*"</c>.</summary>
    Anyone,
    /// <summary>
    /// A group, never a chain's start or end: the principals of one account that hold one permission set
    /// (each member reaches it); a step decided once for the set leaves from here.
    /// </summary>
    Holders,
    /// <summary>A group: every user of one account (it reaches each), for a caller that may take over them all.</summary>
    AccountUsers,
    /// <summary>A group: every role of one account (it reaches each), for a caller that may take over them all.</summary>
    AccountRoles,
    /// <summary>A group: the roles of one account whose trust policies are the same text (it reaches each).</summary>
    TrustedRoles,
}

/// <summary>
/// One principal of the estate-wide graph. <see cref="Admin"/> is set when the principal holds
/// administrator access, or can grant it to itself (<see cref="SelfGrant"/>): both end a chain to admin.
/// </summary>
public sealed record PrincipalNode(int Index, PrincipalNodeKind Kind, string Arn, string AccountId)
{
    /// <summary>Every action on every resource, nothing denied (see <see cref="PermissionSet.AllowsAdmin"/>).</summary>
    public bool IsAdmin { get; init; }

    /// <summary>The statement that lets the principal attach or write an administrator policy onto itself, or null.</summary>
    public PolicyStatement? SelfGrant { get; init; }

    /// <summary>An administrator, or one step from it on its own.</summary>
    public bool Admin => IsAdmin || SelfGrant is not null;

    /// <summary>How a message names it: <c>role/deploy (111111111111)</c>, <c>any principal of account 444444444444</c>.</summary>
    public string DisplayName => Kind switch
    {
        PrincipalNodeKind.ExternalAccount => $"any principal of account {AccountId}",
        PrincipalNodeKind.Anyone => "anyone (\"*\")",
        PrincipalNodeKind.Holders => $"the principals of account {AccountId} holding {Arn}",
        PrincipalNodeKind.AccountUsers => $"every user of account {AccountId}",
        PrincipalNodeKind.AccountRoles => $"every role of account {AccountId}",
        PrincipalNodeKind.TrustedRoles => $"the roles of account {AccountId} with {Arn}",
        _ => $"{(Arn.Split(':', 6) is [.., var name] ? name : Arn)} ({AccountId})",
    };

    /// <summary>A user or a role: a principal of the estate, not a group or an account outside it.</summary>
    public bool IsPrincipal => Kind is PrincipalNodeKind.User or PrincipalNodeKind.Role;

    /// <summary>A group node, which stands for its members and never starts or ends a chain.</summary>
    internal bool IsGroup => Kind >= PrincipalNodeKind.Holders;

    public override string ToString() => DisplayName;
}
