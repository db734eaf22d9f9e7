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
    private readonly FrozenDictionary<string, PrincipalNode> _byArn;
    // Immutable, so that what a rule is handed cannot be cast back to an array and changed (see Frozen).
    private readonly ImmutableArray<PrincipalEdge>[] _out;
    private readonly ImmutableArray<PrincipalEdge>[] _in;
    // The first hop of the shortest chain to admin, per node (null: none, or the node is admin).
    private readonly PrincipalEdge?[] _towardAdmin;
    // Per customer id: the hop that reached each node first from a principal foreign to that customer.
    private readonly FrozenDictionary<string, Dictionary<int, PrincipalEdge?>> _fromForeign;
    private readonly Estate _estate;

    /// <summary>No graph: the scan did not build one (a Hangfire part, a template check). Rules that need it say so.</summary>
    public static PrincipalGraph NotBuilt { get; } = new([], [], Estate.Empty, built: false);

    internal PrincipalGraph(IReadOnlyList<PrincipalNode> nodes, IReadOnlyList<PrincipalEdge> edges, Estate estate, bool built = true)
    {
        IsBuilt = built;
        _estate = estate;
        _nodes = nodes.ToArray();
        _nodeList = [.. _nodes];
        _byArn = _nodes.Where(n => n.Kind is PrincipalNodeKind.User or PrincipalNodeKind.Role)
            .ToFrozenDictionary(n => n.Arn, StringComparer.Ordinal);
        _out = Adjacency(edges, e => e.From.Index, e => e.To.Index);
        _in = Adjacency(edges, e => e.To.Index, e => e.From.Index);
        EdgeCount = edges.Count;
        _towardAdmin = PrincipalSearch.TowardAdmin(_nodes, _in);
        _fromForeign = estate.Customers
            .ToFrozenDictionary(c => c.Id, c => PrincipalSearch.FromForeign(_nodes, _out, n => IsForeignTo(n, c), n => estate.CustomerOf(n.AccountId) == c), StringComparer.Ordinal);
    }

    /// <summary>Whether the scan built this graph; when not, a rule must not take its silence for a Pass.</summary>
    public bool IsBuilt { get; }

    public IReadOnlyList<PrincipalNode> Nodes => _nodeList;

    public int EdgeCount { get; }

    /// <summary>How many distinct permission sets the principals share (identical policies are judged once).</summary>
    public int PermissionSets { get; internal init; }

    /// <summary>The user or role with this ARN, or null.</summary>
    public PrincipalNode? Find(string arn) => _byArn.GetValueOrDefault(arn);

    /// <summary>The steps the principal can take, in a fixed order.</summary>
    public IReadOnlyList<PrincipalEdge> EdgesFrom(string arn) => Find(arn) is { } node ? _out[node.Index] : [];

    /// <summary>The steps that reach the principal.</summary>
    public IReadOnlyList<PrincipalEdge> EdgesTo(string arn) => Find(arn) is { } node ? _in[node.Index] : [];

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
        var hops = new List<PrincipalEdge>();
        for (var hop = _towardAdmin[start.Index]; hop is not null; hop = hop.To.Admin ? null : _towardAdmin[hop.To.Index])
        {
            hops.Add(hop);
        }
        return hops.Count == 0 ? null : new PrincipalChain(start, hops);
    }

    /// <summary>
    /// The shortest chain that reaches the principal from a principal foreign to its customer (another
    /// customer's, an account outside the estate, anyone), through any principal, platform ones included;
    /// null when none does, or the principal's account belongs to no customer.
    /// </summary>
    public PrincipalChain? ChainFromAnotherCustomer(string arn)
    {
        if (Find(arn) is not { } target || _estate.CustomerOf(target.AccountId) is not { } customer
            || !_fromForeign.TryGetValue(customer.Id, out var reached) || !reached.TryGetValue(target.Index, out var last))
        {
            return null;
        }
        var hops = new List<PrincipalEdge>();
        for (var hop = last; hop is not null; hop = reached[hop.From.Index])
        {
            hops.Add(hop);
        }
        hops.Reverse();
        return new PrincipalChain(hops.Count == 0 ? target : hops[0].From, hops);
    }

    /// <summary>The shortest chain from one principal to another, at most <paramref name="maxHops"/> long; null when none.</summary>
    public PrincipalChain? ShortestChain(string fromArn, string toArn, int maxHops = 10) =>
        Find(fromArn) is { } from && Find(toArn) is { } to ? PrincipalSearch.Shortest(from, to, _out, maxHops) : null;

    /// <summary>Whether the node stands outside the customer: another customer's, an unknown account's, anyone. The platform is not.</summary>
    private bool IsForeignTo(PrincipalNode node, Customer customer) =>
        node.Kind is PrincipalNodeKind.Anyone
        || (!_estate.IsPlatform(node.AccountId) && _estate.CustomerOf(node.AccountId) != customer);

    /// <summary>The platform principals on a chain: those that bridge customers.</summary>
    public IReadOnlyList<PrincipalNode> PlatformNodes(PrincipalChain chain) =>
        Frozen.List(chain.Nodes.Where(n => n.Kind is PrincipalNodeKind.User or PrincipalNodeKind.Role && _estate.IsPlatform(n.AccountId)));

    private ImmutableArray<PrincipalEdge>[] Adjacency(IReadOnlyList<PrincipalEdge> edges, Func<PrincipalEdge, int> key, Func<PrincipalEdge, int> other)
    {
        var lists = new List<PrincipalEdge>?[_nodes.Length];
        foreach (var edge in edges)
        {
            (lists[key(edge)] ??= []).Add(edge);
        }
        return lists.Select(l => l is null ? [] : l.OrderBy(other).ThenBy(e => e.Kind).ToImmutableArray()).ToArray();
    }
}
