using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// The question "may this principal make this tagging request?" as <see cref="AccessEvaluator"/> asks it, for a
/// request whose context we know only in part. We know the caller (its ARN, account, tags, organisation), the
/// tag key and values written, whether the action carries aws:TagKeys and aws:RequestTag, and the resource's
/// tag under question (its other tags too when the resource is the caller itself). Every other key (the source
/// IP or VPC endpoint, MFA, the resource's other tags...) is the caller's to arrange or unknown to us: an Allow
/// conditioned on one may hold (the answer is then conditional) and a Deny conditioned on one may not apply (it
/// protects nothing), so that a condition we cannot judge never turns a Fail into a Pass.
/// </summary>
internal static class RetagQuestion
{
    // The keys IAM sets from the caller and the organisation (RequestPrincipal.Describe, AccessEvaluator's Complete).
    private static readonly HashSet<string> CallerKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:username", "aws:PrincipalIsAWSService",
        "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:ResourceAccount", "aws:ResourceOrgID", "aws:TagKeys",
    };

    public static AccessAnswer Ask(Resource principal, PermissionSet permissions, Inventory inventory, Organization? organization,
        TaggingAction action, string target, string key, string? current, string? written)
    {
        var self = target == principal.Arn;
        var request = new RequestContext(action.Action, target);
        foreach (var (name, value) in principal.Tags)
        {
            request.With($"aws:PrincipalTag/{name}", value);
            if (self)
            {
                request.With($"aws:ResourceTag/{name}", value);
            }
        }
        request.With($"aws:ResourceTag/{key}", current);
        if (action.SupportsTagKeys)
        {
            request.WithValues("aws:TagKeys", key);
        }
        if (action.SupportsRequestTag && !action.Removes)
        {
            request.With($"aws:RequestTag/{key}", written);
        }
        bool Known(string conditionKey) => IsKnown(conditionKey, key, self);
        var unknownAllows = false;
        IReadOnlyList<PolicyDocument> Judgeable(IEnumerable<PolicyDocument> policies) => [.. policies.Select(p => p.WithStatements([.. p.Statements.Select(s =>
        {
            if (s.Conditions.All(c => Known(c.Key)))
            {
                return s;
            }
            unknownAllows |= s.IsAllow;
            // An Allow whose unknown conditions may hold; a Deny whose unknown conditions may not (never applies).
            return s.IsAllow ? s.WithConditions([.. s.Conditions.Where(c => Known(c.Key))]) : null;
        }).OfType<PolicyStatement>()]))];
        var resource = inventory.Find(target) is { } found && !found.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal) ? found : null;
        var answer = AccessEvaluator.Evaluate(new AccessQuestion(Caller(principal), request)
        {
            IdentityPolicies = Judgeable(permissions.Policies),
            PermissionsBoundary = permissions.BoundaryPolicy is { } boundary ? Judgeable([boundary])[0] : null,
            ResourcePolicy = resource is not null && ResourcePolicies.Of(resource) is { } policy ? Judgeable([policy])[0] : null,
            ResourceAccount = AccountOf(target),
            Organization = organization,
        });
        return answer.Allowed && unknownAllows ? answer with { Uncertain = true } : answer;
    }

    /// <summary>Whether the request context holds all we know of a key, so that its absence is a fact.</summary>
    private static bool IsKnown(string conditionKey, string tagKey, bool self)
    {
        var slash = conditionKey.IndexOf('/', StringComparison.Ordinal);
        var family = slash < 0 ? conditionKey : conditionKey[..slash];
        var name = slash < 0 ? "" : conditionKey[(slash + 1)..];
        return family.ToUpperInvariant() switch
        {
            "AWS:PRINCIPALTAG" => true,
            "AWS:REQUESTTAG" => name == tagKey,
            _ when family.EndsWith(":ResourceTag", StringComparison.OrdinalIgnoreCase) => self || name == tagKey,
            _ => CallerKeys.Contains(conditionKey),
        };
    }

    private static RequestPrincipal Caller(Resource principal) =>
        principal.Type == IamPrincipals.UserType ? RequestPrincipal.User(principal.Arn) : RequestPrincipal.RoleSession(principal.Arn);

    /// <summary>The account an ARN names, or null when it names none (<c>*</c>, an S3 bucket): then the caller's own.</summary>
    private static string? AccountOf(string arn) =>
        arn.Split(':') is { Length: > 5 } parts && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) ? parts[4] : null;
}
