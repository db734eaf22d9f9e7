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

    /// <remarks>A class, not a record: compared by reference, and <see cref="Who"/> is made when first asked.</remarks>
    internal sealed class PrincipalInfo(string arn, string accountId, PrincipalNodeKind kind, PermissionClass permissionClass, PolicyDocument? trust)
    {
        public string Arn { get; } = arn;
        public string AccountId { get; } = accountId;
        public PrincipalNodeKind Kind { get; } = kind;
        public PermissionClass Class { get; } = permissionClass;
        public PolicyDocument? Trust { get; } = trust;

        /// <summary>The trust policy's statements as text: roles with the same text are admitted alike.</summary>
        public string TrustText { get; } = trust is null ? "" : string.Join("\u001f", trust.Statements.Select(s => s.Json));

        /// <summary>The ARN's partition (<c>aws</c>, <c>aws-cn</c>...), empty when the ARN has none: asked for every pair the shared steps key.</summary>
        public string Partition { get; } = PartitionOf(arn);

        /// <summary>Who the principal is when it makes a request (a role through a session of it): made once, not for each question asked of it.</summary>
        public RequestPrincipal Who => _who ??= Kind == PrincipalNodeKind.User ? RequestPrincipal.User(Arn) : RequestPrincipal.RoleSession(Arn);

        private RequestPrincipal? _who;

        private static string PartitionOf(string arn)
        {
            Span<Range> parts = stackalloc Range[3];
            var text = arn.AsSpan();
            if (text.Split(parts, ':') != 3)
            {
                return "";
            }
            // The usual partition is the literal, not a copy of it for each principal.
            return text[parts[1]] is "aws" ? "aws" : text[parts[1]].ToString();
        }
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

    // The account whose principals are being worked out while the caller reads the next one's IAM.
    private Task _adding = Task.CompletedTask;

    /// <summary>
    /// Reads one account's IAM resources (with the AWS managed policies they name): on a thread of its own, while the
    /// caller reads the next account's (reading and this work took a core each in turn). One account at a time, in
    /// the order given: the previous one is finished first, and its failure, if any, is thrown here (or by <see cref="Build"/>).
    /// </summary>
    public void AddAccount(IReadOnlyList<Resource> resources)
    {
        _adding.GetAwaiter().GetResult();
        // A pool thread, not one of its own: a thread keeps the key builder it grew (PermissionSet.SharingKey) for the next account.
        _adding = Task.Run(() => Add(resources));
    }

    private void Add(IReadOnlyList<Resource> resources)
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
        _adding.GetAwaiter().GetResult();
        var finder = new PrincipalEdgeFinder(organization, now, _principals);
        var edges = finder.FindAll();
        return new PrincipalGraph(finder.Nodes, edges, finder.Groups, estate) { PermissionSets = _classes.Count };
    }
}
