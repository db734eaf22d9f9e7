using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>A security group (<c>describe-security-groups</c>): the IPv4 blocks its rules admit in and out, any protocol or port.</summary>
internal sealed record SecurityGroupFilter(string GroupId, string VpcId, ImmutableArray<Cidr> Ingress, ImmutableArray<Cidr> Egress);

/// <summary>One entry of a network ACL (<c>describe-network-acls</c>): evaluated in rule-number order, the first match decides.</summary>
internal sealed record NetworkAclEntry(int RuleNumber, bool Egress, bool Allow, Cidr Block);

internal sealed record NetworkAclFilter(string NetworkAclId, string VpcId, ImmutableArray<NetworkAclEntry> Entries);

/// <summary>
/// Whether the security groups and network ACLs at both ends of a route path would still let some traffic through
/// (docs/network.md): at the source, a security group admitting the far VPC's blocks out and a network ACL admitting
/// them out and the answers in; at the far end, a security group admitting the source's blocks in and a network ACL
/// admitting them in and the answers out. Any protocol and port counts. Security groups referenced by id, and
/// prefix lists, are not followed (a rule naming only those admits nothing here).
/// </summary>
internal sealed class TrafficFilters
{
    private readonly FrozenDictionary<string, ImmutableArray<SecurityGroupFilter>> _groups;
    private readonly FrozenDictionary<string, ImmutableArray<NetworkAclFilter>> _acls;
    private readonly FrozenSet<string> _groupsRead;
    private readonly FrozenSet<string> _aclsRead;

    /// <param name="groupsRead">The (account, region) keys whose security groups were read: a VPC there with none has none.</param>
    public TrafficFilters(IEnumerable<SecurityGroupFilter> groups, IEnumerable<NetworkAclFilter> acls, IEnumerable<string> groupsRead, IEnumerable<string> aclsRead)
    {
        _groups = groups.GroupBy(g => g.VpcId).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        _acls = acls.GroupBy(a => a.VpcId).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        _groupsRead = groupsRead.ToFrozenSet(StringComparer.Ordinal);
        _aclsRead = aclsRead.ToFrozenSet(StringComparer.Ordinal);
    }

    public static TrafficFilters None { get; } = new([], [], [], []);

    public static string Key(string account, string region) => account + "/" + region;

    /// <summary>True when some traffic passes both ends, false when a filter stops all of it, null when a filter was not read.</summary>
    public bool? Open(RoutePath path)
    {
        var (from, to) = (path.From, path.To);
        if (!Read(from) || !Read(to))
        {
            return null;
        }
        return Groups(from).Any(g => g.Egress.Any(b => Touches(b, to)))
            && Groups(to).Any(g => g.Ingress.Any(b => Touches(b, from)))
            && Acls(from).Any(a => Admits(a, egress: true, to) && Admits(a, egress: false, to))
            && Acls(to).Any(a => Admits(a, egress: false, from) && Admits(a, egress: true, from));
    }

    /// <summary>Why <see cref="Open"/> is null for a path: the end whose filters were not read.</summary>
    public string? Unread(RoutePath path) =>
        new[] { path.From, path.To }.Where(v => !Read(v)).Select(v => $"the security groups or network ACLs of account {v.AccountId} in {v.Region} were not read").FirstOrDefault();

    private bool Read(NetworkVpc vpc) =>
        vpc.Seen && _groupsRead.Contains(Key(vpc.AccountId, vpc.Region)) && _aclsRead.Contains(Key(vpc.AccountId, vpc.Region));

    private ImmutableArray<SecurityGroupFilter> Groups(NetworkVpc vpc) => _groups.GetValueOrDefault(vpc.VpcId, []);

    private ImmutableArray<NetworkAclFilter> Acls(NetworkVpc vpc) => _acls.GetValueOrDefault(vpc.VpcId, []);

    private static bool Touches(Cidr rule, NetworkVpc other) => other.Cidrs.Any(rule.Overlaps);

    /// <summary>
    /// Whether some address of the other VPC gets an allow: entries in rule-number order; one covering the whole block
    /// decides; one allowing part of it lets that part through; one denying part of it leaves the rest to the next.
    /// No entry matching is the ACL's final deny.
    /// </summary>
    private static bool Admits(NetworkAclFilter acl, bool egress, NetworkVpc other) => other.Cidrs.Any(block =>
    {
        foreach (var entry in acl.Entries.Where(e => e.Egress == egress).OrderBy(e => e.RuleNumber))
        {
            if (entry.Block.Covers(block))
            {
                return entry.Allow;
            }
            if (entry.Allow && entry.Block.Overlaps(block))
            {
                return true;
            }
        }
        return false;
    });
}
