using System.Collections.Frozen;
using System.Collections.Immutable;
using Ocado.Guardrails.Rules.Estates;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// Who can become whom across the estate: every user and role of every account read (and the outside
/// accounts their trust policies name), with an edge wherever AWS would allow one principal to act as
/// another (<see cref="PrincipalEdgeKind"/>), each with the statement that grants it. Built once per scan
/// by <see cref="PrincipalGraphBuilder"/>; the answers rules ask most (the shortest chain to admin, the
/// shortest chain from another customer) are worked out when it is built, so a rule only reads them.
/// Immutable, so every rule of every account may share it.
/// </summary>
public sealed class PrincipalGraph
{
    private readonly PrincipalNode[] _nodes;
    private readonly ImmutableArray<PrincipalNode> _nodeList;
    private readonly Dictionary<string, PrincipalNode> _byArn;
    private readonly PrincipalTopology _topology;
    private readonly PrincipalSearch _search;
    // For each node, the next node and edge of its shortest chain to admin (a backward search from the admins).
    private readonly PrincipalSearch.Result _towardAdmin;
    // Per customer id: for each of its principals a foreign principal reaches, and each node on the way, the step that reached it.
    private readonly FrozenDictionary<string, Dictionary<int, (int Via, int Edge)>> _fromForeign;
    private readonly Estate _estate;
    private readonly RoleChains _roleChains;
    private readonly FrozenSet<string> _accountsRead;

    /// <summary>No graph: the scan did not build one (a Hangfire part, a template check). Rules that need it say so.</summary>
    public static PrincipalGraph NotBuilt { get; } = new([], [], new PrincipalGroups([], [], [], []), Estate.Empty, built: false);

    internal PrincipalGraph(IReadOnlyList<PrincipalNode> nodes, IReadOnlyList<PrincipalEdge> edges, PrincipalGroups groups, Estate estate, bool built = true)
    {
        IsBuilt = built;
        _estate = estate;
        _nodes = nodes.ToArray();
        // Rules see principals and outside accounts; the groups are the graph's own way of sharing steps.
        _nodeList = [.. _nodes.Where(n => !n.IsGroup)];
        // A plain dictionary: freezing 183,555 ARNs (searching for the shortest unique part of them) cost more than every lookup it sped up.
        _byArn = new Dictionary<string, PrincipalNode>(StringComparer.Ordinal);
        foreach (var node in _nodes.Where(n => n.IsPrincipal))
        {
            _byArn[node.Arn] = node;
        }
        _topology = new PrincipalTopology(_nodes, edges.ToArray(), groups);
        _search = new PrincipalSearch(_topology);
        _roleChains = new RoleChains(_topology, _nodes);
        _accountsRead = _nodes.Where(n => n.IsPrincipal).Select(n => n.AccountId).ToFrozenSet(StringComparer.Ordinal);
        EdgeCount = edges.Count;
        GroupCount = _nodes.Length - _nodeList.Length;
        _towardAdmin = _search.From(_nodes.Where(n => n.IsPrincipal && n.Admin).Select(n => n.Index), backwards: true);
        _fromForeign = estate.Customers.ToFrozenDictionary(c => c.Id, FromForeign, StringComparer.Ordinal);
    }

    /// <summary>Whether the scan built this graph; when not, a rule must not take its silence for a Pass.</summary>
    public bool IsBuilt { get; }

    /// <summary>The principals and the outside accounts (and anyone) that trust policies name.</summary>
    public IReadOnlyList<PrincipalNode> Nodes => _nodeList;

    /// <summary>The edges stored: a step decided once for a group counts once, however many principals it joins.</summary>
    public int EdgeCount { get; }

    /// <summary>The edges as stored (a group's step once), for tests and measurements.</summary>
    internal IEnumerable<PrincipalEdge> StoredEdges => Enumerable.Range(0, EdgeCount).Select(_topology.Edge);

    /// <summary>The groups that share steps: holders of one permission set, an account's users or roles, roles of one trust.</summary>
    public int GroupCount { get; }

    /// <summary>How many distinct permission sets the principals share (identical policies are judged once).</summary>
    public int PermissionSets { get; internal init; }

    /// <summary>The user or role with this ARN, or null.</summary>
    public PrincipalNode? Find(string arn) => _byArn.GetValueOrDefault(arn);

    /// <summary>Whether the graph holds the users and roles of the account (the scan read its IAM).</summary>
    public bool HoldsAccount(string accountId) => _accountsRead.Contains(accountId);

    /// <summary>
    /// Role chaining: a role the principal reaches by <c>sts:AssumeRole</c> alone only through more than
    /// <paramref name="depth"/> hops, with its shortest chain (exactly depth + 1 hops; the first such role in ARN
    /// order); null when every role the principal can chain into is within the depth, or the principal is unknown.
    /// Worked out the first time it is asked, as deep as asked, and kept for the scan.
    /// </summary>
    public PrincipalChain? RoleChainBeyond(string arn, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        if (Find(arn) is not { } start || _roleChains.PathBeyond(start.Index, depth) is not { } path)
        {
            return null;
        }
        return new PrincipalChain(start, PrincipalSteps.Hops(_topology, _nodes, path));
    }

    /// <summary>How many role-chain searches <see cref="RoleChainBeyond"/> has run (principals sharing a permission set share one).</summary>
    public int RoleChainSearches => _roleChains.Searches;

    /// <summary>The steps the principal can take, in a fixed order, each one principal to another (a group's step spelt out).</summary>
    public IReadOnlyList<PrincipalEdge> EdgesFrom(string arn) => Find(arn) is { } node ? PrincipalSteps.From(_topology, _nodes, node.Index) : [];

    /// <summary>The steps that reach the principal.</summary>
    public IReadOnlyList<PrincipalEdge> EdgesTo(string arn) => Find(arn) is { } node ? PrincipalSteps.To(_topology, _nodes, node.Index) : [];

    /// <summary>
    /// The shortest chain from the principal to one that is admin (or can make itself admin); empty
    /// when the principal is one already; null when no chain reaches admin or the principal is unknown.
    /// </summary>
    public PrincipalChain? ChainToAdmin(string arn)
    {
        if (Find(arn) is not { } start)
        {
            return null;
        }
        if (start.Admin)
        {
            return new PrincipalChain(start, []);
        }
        if (_towardAdmin.Via[start.Index] < 0)
        {
            return null;
        }
        return new PrincipalChain(start, PrincipalSteps.Hops(_topology, _nodes, PrincipalSearch.PathFrom(_towardAdmin, start.Index)));
    }

    /// <summary>
    /// The shortest chain that reaches the principal from a principal foreign to its customer (another
    /// customer's, an account outside the estate, anyone), through any principal, platform ones included;
    /// null when none does, or the principal's account belongs to no customer.
    /// </summary>
    public PrincipalChain? ChainFromAnotherCustomer(string arn)
    {
        if (Find(arn) is not { } target || _estate.CustomerOf(target.AccountId) is not { } customer
            || !_fromForeign.TryGetValue(customer.Id, out var reached) || !reached.ContainsKey(target.Index))
        {
            return null;
        }
        var path = new List<(int Node, int Edge)>();
        for (var at = target.Index; at >= 0; at = reached[at].Via)
        {
            path.Add((at, reached[at].Edge));
        }
        path.Reverse();
        var hops = PrincipalSteps.Hops(_topology, _nodes, path);
        return new PrincipalChain(hops.Count == 0 ? target : hops[0].From, hops);
    }

    /// <summary>The shortest chain from one principal to another, at most <paramref name="maxHops"/> long; null when none.</summary>
    public PrincipalChain? ShortestChain(string fromArn, string toArn, int maxHops = 10)
    {
        if (Find(fromArn) is not { } from || Find(toArn) is not { } to)
        {
            return null;
        }
        var result = _search.From([from.Index], backwards: false, maxHops);
        return result.Hops[to.Index] == int.MaxValue ? null
            : new PrincipalChain(from, PrincipalSteps.Hops(_topology, _nodes, PrincipalSearch.PathTo(result, to.Index)));
    }

    /// <summary>Whether the node stands outside the customer: another customer's, an unknown account's, anyone. The platform is not.</summary>
    private bool IsForeignTo(PrincipalNode node, Customer customer) =>
        node.Kind is PrincipalNodeKind.Anyone
        || (!node.IsGroup && !_estate.IsPlatform(node.AccountId) && _estate.CustomerOf(node.AccountId) != customer);

    private Dictionary<int, (int Via, int Edge)> FromForeign(Customer customer)
    {
        var result = _search.From(_nodes.Where(n => IsForeignTo(n, customer)).Select(n => n.Index), backwards: false);
        var chains = new Dictionary<int, (int Via, int Edge)>();
        foreach (var node in _nodes.Where(n => n.IsPrincipal && result.Hops[n.Index] > 0 && result.Hops[n.Index] != int.MaxValue && _estate.CustomerOf(n.AccountId) == customer))
        {
            for (var at = node.Index; at >= 0 && chains.TryAdd(at, (result.Via[at], result.ViaEdge[at])); at = result.Via[at])
            {
            }
        }
        return chains;
    }

    /// <summary>The platform principals on a chain: those that bridge customers.</summary>
    public IReadOnlyList<PrincipalNode> PlatformNodes(PrincipalChain chain) =>
        Frozen.List(chain.Nodes.Where(n => n.IsPrincipal && _estate.IsPlatform(n.AccountId)));
}
