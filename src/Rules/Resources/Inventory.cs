using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// Read-only lookups beyond the judged resource: the index of its account, which is what rules look up (a role's
/// attached managed policies, a user's groups, a permissions boundary): the account's IAM entities, groups and
/// policies, its root user, the AWS managed policies its authorization details name, and the resources whose
/// resource policy may grant by tag, which the ABAC rule weighs for every principal (<see cref="Indexes"/>).
/// A scan streams an account's other resources in batches rather than hold them, so they are never here, and
/// neither is another account's anything. Every rule shares one inventory, so it is frozen: no list it hands out
/// can be cast to a mutable one.
/// </summary>
public sealed class Inventory
{
    private readonly FrozenDictionary<string, Resource> _byArn;
    private readonly FrozenDictionary<string, IReadOnlyList<Resource>> _byType;

    public static Inventory Empty { get; } = new([]);

    /// <summary>
    /// Whether a resource belongs in its account's index: IAM (entities, groups, policies, AWS managed policies), the
    /// root user, and a resource whose policy may grant by tag (a bucket policy on <c>aws:PrincipalTag/customer</c>).
    /// Without the last, a scan's ABAC rule never saw such a grant, which its fixtures (holding every resource) did.
    /// </summary>
    public static bool Indexes(Resource resource) =>
        resource.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal) || resource.Type == ResourceTypeNames.Account
        || Policies.ResourcePolicies.MayNameTags(resource);

    public Inventory(IEnumerable<Resource> resources)
    {
        var byArn = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var byType = new Dictionary<string, ImmutableArray<Resource>.Builder>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            byArn[resource.Arn] = resource;
            if (!byType.TryGetValue(resource.Type, out var list))
            {
                byType[resource.Type] = list = ImmutableArray.CreateBuilder<Resource>();
            }
            list.Add(resource);
        }
        _byArn = byArn.ToFrozenDictionary(StringComparer.Ordinal);
        _byType = byType.ToFrozenDictionary(p => p.Key, p => (IReadOnlyList<Resource>)p.Value.ToImmutable(), StringComparer.Ordinal);
    }

    public int Count => _byArn.Count;

    /// <summary>The resource with exactly this ARN, or null.</summary>
    public Resource? Find(string arn) => _byArn.GetValueOrDefault(arn);

    /// <summary>Every resource of a type (CloudFormation name, e.g. <c>AWS::EC2::VPC</c>).</summary>
    public IReadOnlyList<Resource> OfType(string type) =>
        _byType.TryGetValue(type, out var list) ? list : [];

    /// <summary>Resources of a type in one account, and in one region unless region is null.</summary>
    public IEnumerable<Resource> OfType(string type, string accountId, string? region = null) =>
        OfType(type).Where(r => r.AccountId == accountId && (region is null || r.Region == region));

    public IEnumerable<Resource> All => _byArn.Values;
}
