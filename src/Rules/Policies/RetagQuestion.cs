using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
internal sealed class RetagQuestion(Resource principal, PermissionSet permissions, Inventory inventory, Organization? organization, ICollection<string> notRead)
{
    // The keys IAM sets from the caller and the organisation (RequestPrincipal.Describe, AccessEvaluator's Complete).
    private static readonly HashSet<string> CallerKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:username", "aws:PrincipalIsAWSService",
        "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:ResourceAccount", "aws:ResourceOrgID", "aws:TagKeys",
    };

    /// <summary>A set's policies as judged for one tag key, on the caller itself or on a resource.</summary>
    private sealed record Judged(IReadOnlyList<PolicyDocument> Identity, PolicyDocument? Boundary, bool UnknownAllows);

    // What is judgeable of a set's policies depends on the set and the key alone: the same for every action asked, and
    // for every principal of the set (the principal's ARN and tags enter each request, not the policies).
    private static readonly ConditionalWeakTable<PermissionSet, ConcurrentDictionary<(string Key, bool Self), Judged>> JudgeableOf = new();

    private readonly Dictionary<(string Action, string Target, string Key), AccessAnswer> _answers = [];

    public static RequestPrincipal Caller(Resource principal) =>
        principal.Type == IamPrincipals.UserType ? RequestPrincipal.User(principal.Arn) : RequestPrincipal.RoleSession(principal.Arn);

    /// <summary>May the principal change <paramref name="key"/> from <paramref name="current"/> to <paramref name="written"/> on <paramref name="target"/>?</summary>
    public AccessAnswer Ask(TaggingAction action, string target, string key, string? current, string? written)
    {
        if (_answers.TryGetValue((action.Action, target, key), out var known))
        {
            return known;
        }
        var self = target == principal.Arn;
        var policies = JudgeableOf.GetValue(permissions, static _ => new()).GetOrAdd((key, self), Judge, permissions);
        var resourceUnknowns = false;
        var resourcePolicy = inventory.Find(target) is { } resource && AbacResourceGrants.PolicyOf(resource, notRead) is { } policy
            ? Judgeable(policy, key, self, ref resourceUnknowns)
            : null;
        var answer = AccessEvaluator.Evaluate(new AccessQuestion(Caller(principal), Request(action, target, key, current, written, self))
        {
            IdentityPolicies = policies.Identity,
            PermissionsBoundary = policies.Boundary,
            ResourcePolicy = resourcePolicy,
            ResourceAccount = AccountOf(target),
            Organization = organization,
        });
        answer = answer.Allowed && (policies.UnknownAllows || resourceUnknowns) ? answer with { Uncertain = true } : answer;
        _answers[(action.Action, target, key)] = answer;
        return answer;
    }

    private RequestContext Request(TaggingAction action, string target, string key, string? current, string? written, bool self)
    {
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
        return request;
    }

    private static Judged Judge((string Key, bool Self) question, PermissionSet permissions)
    {
        var unknownAllows = false;
        var identity = permissions.Policies.Select(p => Judgeable(p, question.Key, question.Self, ref unknownAllows)).ToList();
        var boundary = permissions.BoundaryPolicy is { } b ? Judgeable(b, question.Key, question.Self, ref unknownAllows) : null;
        return new Judged(identity, boundary, unknownAllows);
    }

    /// <summary>
    /// The policy with every condition on a key we do not know taken as undecided: an Allow keeps its other conditions
    /// (and may hold), a Deny is left out (it may not apply).
    /// </summary>
    private static PolicyDocument Judgeable(PolicyDocument policy, string key, bool self, ref bool unknownAllows)
    {
        var statements = new List<PolicyStatement>(policy.Statements.Count);
        foreach (var statement in policy.Statements)
        {
            if (statement.Conditions.All(c => IsKnown(c.Key, key, self)))
            {
                statements.Add(statement);
            }
            else if (statement.IsAllow)
            {
                unknownAllows = true;
                statements.Add(statement.WithConditions([.. statement.Conditions.Where(c => IsKnown(c.Key, key, self))]));
            }
        }
        return policy.WithStatements(statements);
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

    /// <summary>The account an ARN names, or null when it names none (<c>*</c>, an S3 bucket): then the caller's own.</summary>
    private static string? AccountOf(string arn) =>
        arn.Split(':') is { Length: > 5 } parts && Arn.IsAccountId(parts[4]) ? parts[4] : null;
}
