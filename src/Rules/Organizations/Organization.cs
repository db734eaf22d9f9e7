namespace Ocado.Guardrails.Rules.Organizations;

/// <summary>
/// An AWS organisation as a tree (root → OUs → accounts) with the SCPs and RCPs attached at each
/// level. Immutable once built; a snapshot reader fills it from the AWS CLI's own output.
/// See https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_auth.html
/// </summary>
public sealed class Organization
{
    private readonly Dictionary<string, OrganizationTarget> _targets;

    /// <param name="id">The organisation id (<c>o-...</c>), what aws:PrincipalOrgID holds.</param>
    /// <param name="managementAccountId">The management account, which no SCP or RCP restricts.</param>
    /// <param name="targets">Every root, OU and account, each naming its parent.</param>
    public Organization(string id, string managementAccountId, IEnumerable<OrganizationTarget> targets)
    {
        Id = id;
        ManagementAccountId = managementAccountId;
        _targets = targets.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var problems = _targets.Values
            .Where(t => t.ParentId is not null && !_targets.ContainsKey(t.ParentId))
            .Select(t => $"{t} names parent {t.ParentId}, which is not in the organisation")
            .ToList();
        if (_targets.Values.Count(t => t.IsRoot) != 1)
        {
            problems.Add($"an organisation has exactly one root, not {_targets.Values.Count(t => t.IsRoot)}");
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid organisation: " + string.Join("; ", problems), nameof(targets));
        }
    }

    public string Id { get; }

    public string ManagementAccountId { get; }

    public IEnumerable<string> Accounts => _targets.Values.Where(t => t.IsAccount).Select(t => t.Id);

    public bool IsMember(string accountId) => _targets.TryGetValue(accountId, out var t) && t.IsAccount;

    /// <summary>The nodes from the root down to the account, each once; empty when the account is not a member.</summary>
    public IReadOnlyList<OrganizationTarget> PathOf(string accountId)
    {
        if (!IsMember(accountId))
        {
            return [];
        }
        var path = new List<OrganizationTarget>();
        for (var node = _targets[accountId]; ; node = _targets[node.ParentId!])
        {
            path.Add(node);
            if (node.IsRoot || path.Count > _targets.Count)
            {
                break;
            }
        }
        path.Reverse();
        return path;
    }

    /// <summary>
    /// The account's entry of aws:PrincipalOrgPaths: <c>o-id/r-id/ou-id/.../</c>, the path down to its OU.
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgpaths
    /// </summary>
    public string? OrgPathOf(string accountId)
    {
        var path = PathOf(accountId);
        return path.Count == 0 ? null : $"{Id}/{string.Join("", path.Take(path.Count - 1).Select(t => t.Id + "/"))}";
    }
}
