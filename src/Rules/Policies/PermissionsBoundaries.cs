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
    public static PermissionSet Apply(Resource principal, IReadOnlyList<PolicyDocument> policies, Inventory inventory, DateTimeOffset now, List<string> unresolved,
        ServiceControlLimit? serviceControl = null)
    {
        if (principal.Type is not (IamPrincipals.UserType or IamPrincipals.RoleType) || ArnOf(principal) is not { } arn)
        {
            return new PermissionSet(policies, now, unresolved, serviceControl: serviceControl);
        }
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        if (IamPrincipals.ManagedPolicy(arn, name, inventory) is not { } document)
        {
            unresolved.Add($"permissions boundary {name} (judged as if none were set)");
            return new PermissionSet(policies, now, unresolved, serviceControl: serviceControl);
        }
        var bounded = new PermissionSet(policies, now, unresolved, document.WithName($"permissions boundary {name}"), serviceControl)
        {
            BoundaryNote = $"within permissions boundary {name}",
        };
        var kind = principal.Type == IamPrincipals.UserType ? "User" : "Role";
        string[] lifts = [$"iam:Delete{kind}PermissionsBoundary", $"iam:Put{kind}PermissionsBoundary"];
        var lift = lifts.Select(a => bounded.Can(a, principal.Arn)).Concat([bounded.Can("iam:CreatePolicyVersion", arn)]).FirstOrDefault(d => d.Allowed);
        return lift is null
            ? bounded
            : new PermissionSet(policies, now, unresolved, serviceControl: serviceControl)
            {
                BoundaryNote = $"permissions boundary {name} not counted: the principal may lift it ({lift.Describe()})",
            };
    }

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
