using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The policy simulator's question asked of an estate: finds the principal's identity policies and boundary and
/// the resource's policy and account in the inventory, and hands them with the organisation to
/// <see cref="AccessEvaluator"/>, the evaluator the rules use. Who may ask: every IAM user and role of the
/// inventory (the root users and service principals are asked about only by name).
/// </summary>
public sealed class EstateAccess(Inventory inventory, Organization? organization)
{
    /// <summary>Every user and role of the estate, by ARN.</summary>
    public IReadOnlyList<Resource> Principals { get; } =
        [.. inventory.All.Where(r => r.Type is IamPrincipals.UserType or IamPrincipals.RoleType).OrderBy(r => r.Arn, StringComparer.Ordinal)];

    /// <summary>
    /// Who an ARN names: a user, a role (asked as a session of it), a role session
    /// (<c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>) or an account's root user; null when the estate has no such principal.
    /// </summary>
    public AccessSubject? Principal(string arn)
    {
        if (inventory.Find(arn) is { Type: IamPrincipals.UserType } user)
        {
            return new(RequestPrincipal.User(user.Arn), user);
        }
        if (inventory.Find(arn) is { Type: IamPrincipals.RoleType } role)
        {
            return new(RequestPrincipal.RoleSession(role.Arn), role);
        }
        var parts = arn.Split(':', 6);
        if (parts is [_, _, "sts", _, var account, var rest] && rest.Split('/') is ["assumed-role", var name, var session])
        {
            return Principals.FirstOrDefault(p => p.Type == IamPrincipals.RoleType && p.AccountId == account && p.Arn.EndsWith("/" + name, StringComparison.Ordinal))
                is { } assumed ? new(RequestPrincipal.RoleSession(assumed.Arn, session), assumed) : null;
        }
        if (parts is [_, _, "iam", _, var owner, "root"] && inventory.All.Any(r => r.AccountId == owner))
        {
            return new(new RequestPrincipal(RequestPrincipalKind.Root, arn, owner), null);
        }
        return null;
    }

    /// <summary>
    /// What an ARN names: a resource of the inventory, an S3 object of a bucket in it (judged under the bucket's
    /// policy), or <c>*</c> for an action that takes no resource; null when the estate has no such resource.
    /// </summary>
    public AccessTarget? Resource(string arn)
    {
        if (arn == "*")
        {
            return new("*", null, null);
        }
        if (inventory.Find(arn) is { } found)
        {
            return new(arn, found, found.AccountId);
        }
        if (arn.StartsWith("arn:aws:s3:::", StringComparison.Ordinal) && arn.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash
            && inventory.Find(arn[..slash]) is { } bucket)
        {
            return new(arn, bucket, bucket.AccountId);
        }
        return null;
    }

    /// <summary>The ARNs of the estate most like one it does not have (same service and account first), for "did you mean".</summary>
    public IReadOnlyList<string> Nearby(string arn, bool principalsOnly, int count = 3)
    {
        var pool = principalsOnly ? Principals : inventory.All;
        var parts = arn.Split(':');
        var close = parts.Length > 4 ? pool.Where(r => r.Arn.Split(':') is { Length: > 4 } p && p[2] == parts[2] && p[4] == parts[4]).ToList() : [];
        return [.. (close.Count > 0 ? close : pool).Select(r => r.Arn).OrderBy(a => EditDistance.Between(a, arn)).ThenBy(a => a, StringComparer.Ordinal).Take(count)];
    }

    /// <summary>May <paramref name="who"/> do <paramref name="action"/> on <paramref name="target"/>, with these request context keys?</summary>
    public EstateAnswer Ask(AccessSubject who, string action, AccessTarget target, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        var request = new RequestContext(action, target.Arn);
        foreach (var (key, values) in context)
        {
            request.WithValues(key, values);
        }
        var unresolved = new List<string>();
        var question = new AccessQuestion(who.Principal, request)
        {
            IdentityPolicies = who.Entity is { } entity ? IamPrincipals.PoliciesOf(entity, inventory, unresolved) : [],
            PermissionsBoundary = who.Entity is { } bounded ? PermissionsBoundaries.DocumentOf(bounded, inventory, unresolved) : null,
            ResourcePolicy = target.Owner is { } owner ? ResourcePolicies.Of(owner) : null,
            ResourceAccount = target.Account,
            Organization = organization,
        };
        return new(who, action, target, AccessEvaluator.Evaluate(question), unresolved);
    }
}

/// <summary>A principal of the estate as a request's caller; <see cref="Entity"/> is the IAM user or role (null for a root user).</summary>
public sealed record AccessSubject(RequestPrincipal Principal, Resource? Entity);

/// <summary>A request's resource: its ARN, the resource whose policy governs it, and the account that owns it (null for <c>*</c>).</summary>
public sealed record AccessTarget(string Arn, Resource? Owner, string? Account);

/// <summary>One answer of <see cref="EstateAccess.Ask"/>, with the policies that could not be found (and so took no part).</summary>
public sealed record EstateAnswer(AccessSubject Who, string Action, AccessTarget Target, AccessAnswer Answer, IReadOnlyList<string> NotJudged);
