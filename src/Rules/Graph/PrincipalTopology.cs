namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// The graph's shape in ids: the stored edges by node (offsets into one array each way, in a fixed
/// order) and the free steps of the groups: a principal steps into its <see cref="PrincipalNodeKind.Holders"/>
/// group, and a users, roles or trust group steps into each of its members.
/// </summary>
internal sealed class PrincipalTopology
{
    private readonly PrincipalNode[] _nodes;
    private readonly PrincipalEdge[] _edges;
    private readonly PrincipalGroups _groups;
    private readonly int[] _outStart;
    private readonly int[] _out;
    private readonly int[] _inStart;
    private readonly int[] _in;

    public PrincipalTopology(PrincipalNode[] nodes, PrincipalEdge[] edges, PrincipalGroups groups)
    {
        _nodes = nodes;
        _edges = edges;
        _groups = groups;
        (_outStart, _out) = Index(e => e.From.Index, e => e.To.Index);
        (_inStart, _in) = Index(e => e.To.Index, e => e.From.Index);
    }

    public int NodeCount => _nodes.Length;

    public PrincipalEdge Edge(int id) => _edges[id];

    public ReadOnlySpan<int> Members(int node) => _groups.Members.Length > node && _groups.Members[node] is { } members ? members : [];

    public ReadOnlySpan<int> StoredOut(int node) => _out.AsSpan(_outStart[node], _outStart[node + 1] - _outStart[node]);

    public ReadOnlySpan<int> StoredIn(int node) => _in.AsSpan(_inStart[node], _inStart[node + 1] - _inStart[node]);

    /// <summary>The principal's Holders group, or -1.</summary>
    public int HolderOf(int node) => node < _groups.HolderOf.Length ? _groups.HolderOf[node] : -1;

    /// <summary>The groups that step into the principal: its account's users or roles, its trust group.</summary>
    public IEnumerable<int> GroupsOf(int node)
    {
        if (node < _groups.KindGroupOf.Length)
        {
            yield return _groups.KindGroupOf[node];
            if (_groups.TrustGroupOf[node] >= 0)
            {
                yield return _groups.TrustGroupOf[node];
            }
        }
    }

    public void Successors(int node, List<(int Node, int Edge)> steps)
    {
        foreach (var edge in StoredOut(node))
        {
            steps.Add((_edges[edge].To.Index, edge));
        }
        if (HolderOf(node) is >= 0 and var holder)
        {
            steps.Add((holder, -1));
        }
        if (_nodes[node].Kind is not PrincipalNodeKind.Holders)
        {
            foreach (var member in Members(node))
            {
                steps.Add((member, -1));
            }
        }
    }

    public void Predecessors(int node, List<(int Node, int Edge)> steps)
    {
        foreach (var edge in StoredIn(node))
        {
            steps.Add((_edges[edge].From.Index, edge));
        }
        foreach (var group in GroupsOf(node))
        {
            steps.Add((group, -1));
        }
        if (_nodes[node].Kind is PrincipalNodeKind.Holders)
        {
            foreach (var member in Members(node))
            {
                steps.Add((member, -1));
            }
        }
    }

    /// <summary>One array of edge ids per direction, grouped by node, each node's in the order of the other end, then the kind.</summary>
    private (int[] Start, int[] Ids) Index(Func<PrincipalEdge, int> key, Func<PrincipalEdge, int> other)
    {
        var order = Enumerable.Range(0, _edges.Length).OrderBy(i => key(_edges[i])).ThenBy(i => other(_edges[i])).ThenBy(i => _edges[i].Kind).ToArray();
        var start = new int[_nodes.Length + 1];
        foreach (var edge in _edges)
        {
            start[key(edge) + 1]++;
        }
        for (var i = 0; i < _nodes.Length; i++)
        {
            start[i + 1] += start[i];
        }
        return (start, order);
    }
}
