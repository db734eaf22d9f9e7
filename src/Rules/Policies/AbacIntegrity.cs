using System.Runtime.CompilerServices;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>
/// ABAC integrity: where a principal's policies, or the resource policies of its account that admit it, grant
/// access on condition of a tag, whether the principal may
/// change that tag, on the resources the grant reaches or on itself, and so move a resource or itself into another
/// customer's perimeter. Each change is one request asked of <see cref="AccessEvaluator"/> with the tag keys AWS
/// would set (aws:TagKeys, aws:RequestTag/KEY, aws:ResourceTag/KEY, the principal's own tags), within its
/// permissions boundary and the SCPs over its account, so that a Deny or a condition that forbids the key protects it.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html#access_tags_control-tag-keys
/// </summary>
public static class AbacIntegrity
{
    /// <summary>The tag value a retagging request claims when the estate names no other customer.</summary>
    public const string AnotherCustomer = "another-customer";

    public static AbacJudgement Judge(Resource principal, Inventory inventory, DateTimeOffset now, OrganizationView organization, Estate estate)
    {
        var permissions = IamPrincipals.PermissionsOf(principal, inventory, now, organization);
        var (granted, notRead) = AbacResourceGrants.For(RetagQuestion.Caller(principal), inventory);
        var ownGrants = OwnGrants(permissions);
        if (ownGrants.Count == 0 && granted.Count == 0 && permissions.Unresolved.Count == 0 && notRead.Count == 0)
        {
            // Most principals: nothing of theirs depends on a tag, nothing went unread, and there is nothing to ask.
            return Nothing;
        }
        var grants = ownGrants.Concat(granted).ToList();
        var unread = new HashSet<string>([.. permissions.Unresolved, .. notRead], StringComparer.Ordinal);
        if (grants.Count == 0)
        {
            // Most principals: nothing of theirs depends on a tag, and there is nothing to ask.
            return new AbacJudgement([], [], [], [.. unread.Order(StringComparer.Ordinal)]);
        }
        var question = new RetagQuestion(principal, permissions, inventory, organization.Organization, unread);
        var paths = new List<RetagPath>();
        var refusals = new List<string>();
        foreach (var grant in grants)
        {
            var own = principal.Tag(grant.Key);
            var foreign = estate.Customers.Select(c => c.Id).FirstOrDefault(id => id != own && id != estate.CustomerOf(principal.AccountId)?.Id) ?? AnotherCustomer;
            var self = grant.On == AbacTagOn.Principal;
            var targets = self ? [principal.Arn] : Targets(grant, permissions);
            foreach (var action in ActionsMoving(grant, principal.Type).Where(a => !a.Removes || RemovalOpens(grant, principal)))
            {
                foreach (var target in targets.Distinct(StringComparer.Ordinal))
                {
                    var answer = question.Ask(action, target, grant.Key, self ? own : foreign, self ? foreign : own);
                    if (answer.Allowed)
                    {
                        paths.Add(new RetagPath(grant, action, target, answer));
                    }
                    else if (refusals.Count < 3 && answer.Decisions.Any(d => d.Verdict == PolicyVerdict.ExplicitlyDenied || d.PolicyType is "SCP" or "RCP" or "permissions boundary" && d.Verdict == PolicyVerdict.ImplicitlyDenied))
                    {
                        refusals.Add($"{action.Action} on {(self ? "itself" : target)}: {answer.Reason}");
                    }
                }
            }
        }
        return new AbacJudgement(grants, paths, refusals.Distinct().ToList(), [.. unread.Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The tag grants of the set's own policies that allow anything at all. They depend on the set alone (its policies,
    /// boundary and SCPs), which never knows whose it is: found once per set, not once per principal. What depends on
    /// the principal (its ARN, its tags, the resource policies that admit it) is asked per principal in <see cref="Judge"/>.
    /// </summary>
    private static IReadOnlyList<AbacGrant> OwnGrants(PermissionSet permissions) =>
        LiveGrants.GetValue(permissions, static set => [.. AbacGrant.In(set.Policies).Where(g => Live(g, set))]);

    private static readonly ConditionalWeakTable<PermissionSet, IReadOnlyList<AbacGrant>> LiveGrants = new();

    /// <summary>The judgement of a principal with no grant on condition of a tag and nothing unread.</summary>
    private static readonly AbacJudgement Nothing = new([], [], [], []);

    /// <summary>
    /// Whether the grant allows anything at all within the principal's policies, boundary and SCPs: a grant that a
    /// Deny cancels everywhere depends on no tag.
    /// </summary>
    private static bool Live(AbacGrant grant, PermissionSet permissions)
    {
        var actions = grant.Statement.NotActions.Count > 0 ? ["*"] : grant.Statement.Actions;
        var resources = grant.Statement.NotResources.Count > 0 ? ["*"] : grant.Statement.Resources;
        return actions.Any(a => resources.Any(r => permissions.Can(a, r) is { Allowed: true } d && d.Allowing.Contains(grant.Statement)));
    }

    /// <summary>
    /// The resources a retagging is asked on: those the grant names, and those of the principal's Allow statements
    /// that overlap them (an Allow to tag only <c>acme-*</c> secrets still moves the tag of the <c>acme-*</c> secrets a
    /// grant on every secret reaches).
    /// </summary>
    private static IEnumerable<string> Targets(AbacGrant grant, PermissionSet permissions)
    {
        IReadOnlyList<string> granted = grant.Statement.NotResources.Count > 0 ? ["*"] : grant.Statement.Resources;
        var overlapping = permissions.Policies.SelectMany(p => p.Statements).Where(s => s.IsAllow && s.NotResources.Count == 0)
            .SelectMany(s => s.Resources).Where(r => granted.Any(g => Wildcard.ResourcesOverlap(g, r)));
        return granted.Concat(overlapping);
    }

    /// <summary>
    /// The tagging actions that move the grant's tag: the principal's own Tag/Untag action for aws:PrincipalTag; for a
    /// resource's tag, the tagging actions of the services the grant names (object tagging for s3:ExistingObjectTag).
    /// </summary>
    private static IEnumerable<TaggingAction> ActionsMoving(AbacGrant grant, string principalType)
    {
        if (grant.On == AbacTagOn.Principal)
        {
            return TaggingActions.OnPrincipal(principalType);
        }
        var named = grant.Statement.NotActions.Count > 0 ? ["*"] : grant.Statement.Actions;
        return named.SelectMany(TaggingActions.OfServicesNamedBy).Distinct()
            .Where(a => a.OnObjects == (grant.On == AbacTagOn.Object));
    }

    /// <summary>
    /// Whether removing the tag would leave the grant open: some condition testing the tag still holds, or might,
    /// when the tag is absent (StringNotEquals, Null, ...IfExists); with StringEquals, removing it closes the grant.
    /// </summary>
    private static bool RemovalOpens(AbacGrant grant, Resource principal)
    {
        var request = new RequestContext("*", "*");
        foreach (var (key, value) in principal.Tags)
        {
            if (!(grant.On == AbacTagOn.Principal && key == grant.Key))
            {
                request.With($"aws:PrincipalTag/{key}", value);
            }
        }
        var tests = grant.Statement.Conditions.Where(grant.IsTestedBy).ToList();
        return tests.Count > 0 && tests.All(c => ConditionEvaluator.Evaluate(c, request) != false);
    }
}

/// <summary>
/// What <see cref="AbacIntegrity.Judge"/> found: the grants that depend on a tag, the ways the principal can move
/// those tags, a few refusals (what protects them, for a Pass) and the policies that could not be read.
/// </summary>
public sealed record AbacJudgement(IReadOnlyList<AbacGrant> Grants, IReadOnlyList<RetagPath> Paths, IReadOnlyList<string> Refusals, IReadOnlyList<string> NotRead)
{
    /// <summary>The tag keys the grants depend on, as a message names them.</summary>
    public IReadOnlyList<string> Keys => [.. Grants.Select(g => g.KeyText).Distinct(StringComparer.Ordinal)];

    /// <summary>The grants and the statements that let the principal change their tags, each once: the evidence.</summary>
    public IReadOnlyList<PolicyStatement> Statements =>
        [.. Paths.Select(p => p.Grant.Statement).Concat(Paths.SelectMany(p => p.Allowing)).Distinct()];

    /// <summary>The first few paths, for a message: one per (grant, tag, action), then "and N more".</summary>
    public string Describe(string principalArn, int shown = 3)
    {
        var distinct = Paths.GroupBy(p => (p.Grant.Statement, p.Grant.KeyText, p.Action.Action)).Select(g => g.First()).ToList();
        var text = string.Join("; ", distinct.Take(shown).Select(p => p.Describe(principalArn)));
        return distinct.Count > shown ? $"{text}; and {distinct.Count - shown} more" : text;
    }
}
