using Ocado.Guardrails.Rules.Policies;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>How one principal comes to act as another.</summary>
public enum PrincipalEdgeKind
{
    /// <summary><c>sts:AssumeRole</c>: the caller may call it and the role's trust admits the caller.</summary>
    AssumeRole,
    /// <summary><c>iam:PassRole</c> into a service that trusts the role and then runs the caller's code with it.</summary>
    PassRole,
    /// <summary><c>iam:CreateAccessKey</c> on another user: its long-term credentials.</summary>
    CreateAccessKey,
    /// <summary><c>iam:CreateLoginProfile</c> on another user: a console password.</summary>
    CreateLoginProfile,
    /// <summary><c>iam:UpdateLoginProfile</c> on another user: its console password replaced.</summary>
    UpdateLoginProfile,
    /// <summary><c>iam:UpdateAssumeRolePolicy</c> on a role: its trust rewritten to admit the caller.</summary>
    UpdateAssumeRolePolicy,
}

/// <summary>
/// One step AWS would allow, from <see cref="From"/> to acting as <see cref="To"/>, with the statement
/// of the caller's policies that grants it (<see cref="Grant"/>) and, for a role's trust, the trust
/// statement that admits the caller or the service (<see cref="Trust"/>).
/// </summary>
public sealed record PrincipalEdge(PrincipalNode From, PrincipalNode To, PrincipalEdgeKind Kind, PolicyStatement Grant)
{
    /// <summary>The trust statement that admits the caller (AssumeRole) or the service (PassRole).</summary>
    public PolicyStatement? Trust { get; init; }

    /// <summary>For PassRole: the service principal the role is passed to (<c>lambda.amazonaws.com</c>) and the calls that make it run.</summary>
    public string? Service { get; init; }

    /// <summary>A condition we could not judge stands on the way: the step may not be allowed.</summary>
    public bool Conditional { get; init; }

    /// <summary>The action that takes the step.</summary>
    public string Action => Kind switch
    {
        PrincipalEdgeKind.AssumeRole => "sts:AssumeRole",
        PrincipalEdgeKind.PassRole => "iam:PassRole",
        _ => "iam:" + Kind,
    };

    /// <summary>One hop of a chain, for a message: <c>user/a (1) -[sts:AssumeRole: statement 'x' of ...; trusted by ...]-> role/b (2)</c>.</summary>
    public string Describe()
    {
        var how = Kind == PrincipalEdgeKind.PassRole ? $"{Action} to {Service}" : Action;
        // Within an account a trust that names the caller (or "*") allows on its own, without the caller's permission.
        var grant = ReferenceEquals(Grant, Trust) ? $"granted by the trust alone, {Grant.Label}"
            : Trust is null ? Grant.Label : $"{Grant.Label}; trusted by {Trust.Label}";
        return $"{From.DisplayName} -[{how}{(Conditional ? " (conditional)" : "")}: {grant}]-> {To.DisplayName}";
    }

    public override string ToString() => Describe();
}
