using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// Statement-level checks of identity-based policies, judged where each policy is written: a customer
/// managed policy (its default version) or the inline policies of a user, role or group. Attached
/// managed policies are judged on their own resource, so a principal is not reported twice for them.
/// </summary>
public static class IdentityPolicyChecks
{
    /// <summary>The policies written on this resource: a managed policy's default version, or a principal's inline policies.</summary>
    public static IReadOnlyList<PolicyDocument> OwnPolicies(Resource resource)
    {
        if (resource.Type == IamPrincipals.PolicyType)
        {
            return IamPrincipals.DefaultVersionOf(resource) is { } document ? [document] : [];
        }
        // Parsed once per resource for the five checks and the principal's permissions.
        return IamPrincipals.InlinePoliciesOf(resource);
    }

    /// <summary>Allow statements granting every action of a service (<c>s3:*</c>) on every resource (<c>*</c>), with those actions.</summary>
    public static IReadOnlyList<(PolicyStatement Statement, IReadOnlyList<string> Actions)> ServiceWideWildcards(IEnumerable<PolicyDocument> policies) =>
        Allows(policies)
            .Where(StatementMatch.ReachesEveryResource)
            .Select(s => (s, (IReadOnlyList<string>)s.Actions.Where(IsServiceWide).ToList()))
            .Where(x => x.Item2.Count > 0)
            .ToList();

    /// <summary>
    /// Statements (Allow or Deny) naming, in Action or NotAction, a name that matches no real action: a misspelling
    /// (<c>s3:GetObjects</c>), an action AWS retired or a service it does not have. An Allow so written grants less than
    /// meant (or, through NotAction, more), and a Deny guards nothing. With those names.
    /// </summary>
    public static IReadOnlyList<(PolicyStatement Statement, IReadOnlyList<string> Names)> UnknownActions(IEnumerable<PolicyDocument> policies) =>
        policies.SelectMany(p => p.Statements)
            .Select(s => (s, (IReadOnlyList<string>)s.Actions.Concat(s.NotActions).Where(a => !StatementMatch.ActionNamesSomething(a)).ToList()))
            .Where(x => x.Item2.Count > 0)
            .ToList();

    /// <summary>Allow statements written with NotAction: they grant every action but a few, including actions AWS adds later.</summary>
    public static IReadOnlyList<PolicyStatement> AllowsWithNotAction(IEnumerable<PolicyDocument> policies) =>
        Allows(policies).Where(s => s.NotActions.Count > 0).ToList();

    /// <summary>
    /// Allow statements that name iam:PassRole (exactly or by an iam-scoped wildcard such as <c>iam:Pass*</c> or
    /// <c>iam:*</c>) on every role: Resource <c>*</c> or a pattern covering every role of the account. <c>"Action": "*"</c>
    /// and NotAction are left to the admin and NotAction checks.
    /// </summary>
    public static IReadOnlyList<PolicyStatement> PassRoleOnEveryRole(IEnumerable<PolicyDocument> policies, string accountId) =>
        Allows(policies)
            .Where(s => s.Actions.Any(a => a.Trim() != "*" && Wildcard.ActionMatches(a, "iam:PassRole")))
            .Where(s => s.NotResources.Count > 0 || s.Resources.Any(r => r.Trim() == "*"
                || Wildcard.ResourceCovers(r, $"arn:aws:iam::{accountId}:role/*")))
            .ToList();

    /// <summary>
    /// Allow statements granting every action on every resource: <c>"*"</c> on <c>"*"</c>, and also a NotAction or
    /// NotResource whose names match nothing (<c>"NotResource": "prowler:resource"</c>), which excludes nothing.
    /// A NotAction that does exclude real actions is left to iam-policy-no-allow-not-action.
    /// </summary>
    public static IReadOnlyList<PolicyStatement> AdminStatements(IEnumerable<PolicyDocument> policies) =>
        Allows(policies).Where(StatementMatch.IsAdmin).ToList();

    /// <summary><c>s3:*</c>, <c>ec2:*</c> (or <c>s3:**</c>, which IAM reads the same): a service prefix and nothing but stars.</summary>
    public static bool IsServiceWide(string action)
    {
        var parts = action.Trim().Split(':');
        return parts.Length == 2 && parts[0].Length > 0 && !parts[0].Contains('*', StringComparison.Ordinal)
            && parts[1].Length > 0 && parts[1].All(c => c == '*');
    }

    private static IEnumerable<PolicyStatement> Allows(IEnumerable<PolicyDocument> policies) =>
        policies.SelectMany(p => p.Statements).Where(s => s.IsAllow);
}
