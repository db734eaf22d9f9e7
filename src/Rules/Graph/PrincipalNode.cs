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
        _ => $"{(Arn.Split(':', 6) is [.., var name] ? name : Arn)} ({AccountId})",
    };

    public override string ToString() => DisplayName;
}
