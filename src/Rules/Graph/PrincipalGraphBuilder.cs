using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Policies;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// Builds the <see cref="PrincipalGraph"/> account by account: <see cref="AddAccount"/> reads an
/// account's users and roles (their policies, groups, boundaries and trust) and keeps only what the
/// edges need, principals with identical policies sharing one permission set, so the account's
/// resources can be let go; <see cref="Build"/> then decides every edge with <see cref="AccessEvaluator"/>.
/// </summary>
public sealed class PrincipalGraphBuilder(Estate estate, DateTimeOffset now, Organization? organization = null)
{
    private readonly List<PrincipalInfo> _principals = [];
    private readonly Dictionary<string, PermissionClass> _classes = new(StringComparer.Ordinal);

    /// <param name="memberSpecific">Whether the policies name the principal or the resource (a policy variable, aws:PrincipalArn, a tag), so that holders may be answered differently.</param>
    /// <param name="key">The policies' text under their names (<see cref="PermissionSet.SharingKey"/>): principals with the same key share the set.</param>
    /// <remarks>A class, not a record: one per distinct key, compared by reference (the key is long).</remarks>
    internal sealed class PermissionClass(PermissionSet permissions, bool memberSpecific, string key)
    {
        public PermissionSet Permissions { get; } = permissions;
        public bool MemberSpecific { get; } = memberSpecific;
        public string Key { get; } = key;
    }

    internal sealed record PrincipalInfo(string Arn, string AccountId, PrincipalNodeKind Kind, PermissionClass Class, PolicyDocument? Trust)
    {
        /// <summary>The trust policy's statements as text: roles with the same text are admitted alike.</summary>
        public string TrustText { get; } = Trust is null ? "" : string.Join("\u001f", Trust.Statements.Select(s => s.Json));
    }

    /// <summary>Builds the graph of resources that may span accounts (a fixture's inventory, a test's dump).</summary>
    public static PrincipalGraph FromResources(IEnumerable<Resource> resources, Estate estate, DateTimeOffset now, Organization? organization = null)
    {
        var all = resources.ToList();
        var awsManaged = all.Where(r => r.AccountId == AuthorizationDetails.AwsAccount).DistinctBy(r => r.Arn).ToList();
        var builder = new PrincipalGraphBuilder(estate, now, organization);
        foreach (var account in all.Where(r => r.AccountId != AuthorizationDetails.AwsAccount).GroupBy(r => r.AccountId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.AddAccount([.. account, .. awsManaged]);
        }
        return builder.Build();
    }

    /// <summary>Reads one account's IAM resources (with the AWS managed policies they name).</summary>
    public void AddAccount(IReadOnlyList<Resource> resources)
    {
        var inventory = new Inventory(resources);
        foreach (var principal in inventory.OfType(IamPrincipals.UserType).Concat(inventory.OfType(IamPrincipals.RoleType)))
        {
            var permissions = IamPrincipals.PermissionsOf(principal, inventory, now);
            var key = permissions.SharingKey;
            if (!_classes.TryGetValue(key, out var shared))
            {
                _classes[key] = shared = new PermissionClass(permissions, PrincipalEdgeFinder.IsMemberSpecific(key), key);
            }
            var isUser = principal.Type == IamPrincipals.UserType;
            _principals.Add(new PrincipalInfo(principal.Arn, principal.AccountId, isUser ? PrincipalNodeKind.User : PrincipalNodeKind.Role, shared,
                isUser ? null : IamPrincipals.TrustPolicyOf(principal)));
        }
    }

    public PrincipalGraph Build()
    {
        var finder = new PrincipalEdgeFinder(organization, now, _principals);
        var edges = finder.FindAll();
        return new PrincipalGraph(finder.Nodes, edges, finder.Groups, estate) { PermissionSets = _classes.Count };
    }
}
