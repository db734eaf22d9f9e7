using System.Text.Json;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// A user's or role's permissions boundary (<c>PermissionsBoundary.PermissionsBoundaryArn</c> in the
/// authorization details, <c>permissionsBoundary</c> in an AWS Config item) applied to its permissions.
/// A boundary holds only while the principal cannot lift it: one that may delete or replace its own
/// boundary, or write a new version of the boundary policy, is judged without it, since it can do so at
/// will. A boundary policy we cannot read is left out and named as not judged (the worst case: the
/// identity policies' grants count).
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
/// </summary>
internal static class PermissionsBoundaries
{
    /// <param name="serviceControl">The SCPs over the principal, when known: they cap the boundary's lifting too.</param>
    /// <param name="share">
    /// The equal set an earlier principal holds, else the one given (<see cref="PermissionSet.SharedIn"/>): every set
    /// returned has been through it.
    /// </param>
    public static PermissionSet Apply(Resource principal, IReadOnlyList<PolicyDocument> policies, Inventory inventory, DateTimeOffset now, List<string> unresolved,
        ServiceControlLimit? serviceControl, Func<PermissionSet, PermissionSet> share)
    {
        if (principal.Type is not (IamPrincipals.UserType or IamPrincipals.RoleType) || ArnOf(principal) is not { } arn)
        {
            return share(new PermissionSet(policies, now, unresolved, serviceControl: serviceControl));
        }
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        if (IamPrincipals.ManagedPolicy(arn, name, inventory) is not { } document)
        {
            unresolved.Add($"permissions boundary {name} (judged as if none were set)");
            return share(new PermissionSet(policies, now, unresolved, serviceControl: serviceControl));
        }
        // Shared before the lifting is asked: the equal set an earlier principal holds has judged its statements
        // already, and answers alike (its key holds every statement under its label). The questions name this
        // principal, so their answers are not kept in the shared set (PermissionSet.AskOnce).
        var bounded = share(new PermissionSet(policies, now, unresolved, document.WithName($"permissions boundary {name}"), serviceControl)
        {
            BoundaryNote = $"within permissions boundary {name}",
        });
        var kind = principal.Type == IamPrincipals.UserType ? "User" : "Role";
        var lift = Lift(bounded, $"iam:Delete{kind}PermissionsBoundary", principal.Arn)
            ?? Lift(bounded, $"iam:Put{kind}PermissionsBoundary", principal.Arn)
            ?? Lift(bounded, "iam:CreatePolicyVersion", arn);
        return lift is null
            ? bounded
            : share(new PermissionSet(policies, now, unresolved, serviceControl: serviceControl)
            {
                BoundaryNote = $"permissions boundary {name} not counted: the principal may lift it ({lift.Describe()})",
            });
    }

    /// <summary>The decision when the set allows the action on the resource (a way to lift the boundary), else null.</summary>
    private static AccessDecision? Lift(PermissionSet bounded, string action, string resource) =>
        bounded.AskOnce(action, resource) is { Allowed: true } decision ? decision : null;

    /// <summary>
    /// The boundary's document as it stands, for one request (whether the principal could lift it does not change
    /// what AWS answers now); null when none is set, or when it cannot be found (then named in <paramref name="unresolved"/>).
    /// </summary>
    public static PolicyDocument? DocumentOf(Resource principal, Inventory inventory, List<string> unresolved)
    {
        if (principal.Type is not (IamPrincipals.UserType or IamPrincipals.RoleType) || ArnOf(principal) is not { } arn)
        {
            return null;
        }
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var document = IamPrincipals.ManagedPolicy(arn, name, inventory);
        if (document is null)
        {
            unresolved.Add($"permissions boundary {name} (judged as if none were set)");
        }
        return document?.WithName($"permissions boundary {name}");
    }

    /// <summary>The boundary policy's ARN, from either shape of the entity.</summary>
    private static string? ArnOf(Resource principal) =>
        principal.Config("PermissionsBoundary") is { ValueKind: JsonValueKind.Object } boundary
            && JsonPath.Find(boundary, "PermissionsBoundaryArn")?.ToString() is { Length: > 0 } arn
            ? arn
            : null;
}
