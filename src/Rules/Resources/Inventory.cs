namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// Read-only lookups of the other resources of the judged resource's account (and the AWS managed
/// policies its authorization details name), for rules that need more than the resource they judge
/// (a role's attached managed policies, a user's groups, the VPCs a quota counts). A scan reads and
/// judges one account at a time, so another account's resources are never here.
/// </summary>
public sealed class Inventory
{
    private readonly Dictionary<string, Resource> _byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Resource>> _byType = new(StringComparer.Ordinal);

    public static Inventory Empty { get; } = new([]);

    public Inventory(IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            _byArn[resource.Arn] = resource;
            if (!_byType.TryGetValue(resource.Type, out var list))
            {
                _byType[resource.Type] = list = [];
            }
            list.Add(resource);
        }
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
