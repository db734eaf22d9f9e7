using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>Breadth-first searches over the graph, in node order so that the same estate gives the same chains.</summary>
internal static class PrincipalSearch
{
    /// <summary>From every admin node backwards at once: for each node, the first hop of its shortest chain to admin.</summary>
    public static PrincipalEdge?[] TowardAdmin(PrincipalNode[] nodes, ImmutableArray<PrincipalEdge>[] incoming)
    {
        var next = new PrincipalEdge?[nodes.Length];
        var seen = new bool[nodes.Length];
        var queue = new Queue<int>();
        foreach (var node in nodes.Where(n => n.Admin))
        {
            seen[node.Index] = true;
            queue.Enqueue(node.Index);
        }
        while (queue.TryDequeue(out var at))
        {
            foreach (var edge in incoming[at])
            {
                if (!seen[edge.From.Index])
                {
                    seen[edge.From.Index] = true;
                    next[edge.From.Index] = edge;
                    queue.Enqueue(edge.From.Index);
                }
            }
        }
        return next;
    }

    /// <summary>
    /// From every foreign node forwards at once: the hop that first reached each node (null for a
    /// source); only the nodes <paramref name="kept"/> selects, and the nodes on their chains, are kept.
    /// </summary>
    public static Dictionary<int, PrincipalEdge?> FromForeign(PrincipalNode[] nodes, ImmutableArray<PrincipalEdge>[] outgoing, Func<PrincipalNode, bool> foreign, Func<PrincipalNode, bool> kept)
    {
        var parent = new PrincipalEdge?[nodes.Length];
        var seen = new bool[nodes.Length];
        var queue = new Queue<int>();
        foreach (var node in nodes.Where(foreign))
        {
            seen[node.Index] = true;
            queue.Enqueue(node.Index);
        }
        var reached = new List<int>();
        while (queue.TryDequeue(out var at))
        {
            foreach (var edge in outgoing[at])
            {
                if (!seen[edge.To.Index])
                {
                    seen[edge.To.Index] = true;
                    parent[edge.To.Index] = edge;
                    queue.Enqueue(edge.To.Index);
                    if (kept(edge.To))
                    {
                        reached.Add(edge.To.Index);
                    }
                }
            }
        }
        var chains = new Dictionary<int, PrincipalEdge?>();
        foreach (var target in reached)
        {
            for (int? at = target; at is { } i && !chains.ContainsKey(i); at = parent[i]?.From.Index)
            {
                chains[i] = parent[i];
            }
        }
        return chains;
    }

    public static PrincipalChain? Shortest(PrincipalNode from, PrincipalNode to, ImmutableArray<PrincipalEdge>[] outgoing, int maxHops)
    {
        var parent = new Dictionary<int, PrincipalEdge?> { [from.Index] = null };
        var frontier = new List<int> { from.Index };
        for (var depth = 0; depth < maxHops && frontier.Count > 0 && !parent.ContainsKey(to.Index); depth++)
        {
            var next = new List<int>();
            foreach (var at in frontier)
            {
                foreach (var edge in outgoing[at].Where(e => parent.TryAdd(e.To.Index, e)))
                {
                    next.Add(edge.To.Index);
                }
            }
            frontier = next;
        }
        if (!parent.TryGetValue(to.Index, out var last))
        {
            return null;
        }
        var hops = new List<PrincipalEdge>();
        for (var hop = last; hop is not null; hop = parent[hop.From.Index])
        {
            hops.Add(hop);
        }
        hops.Reverse();
        return new PrincipalChain(from, hops);
    }
}
