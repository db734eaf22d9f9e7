using System.Collections.Concurrent;

namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// Role chaining: the roles a principal reaches only through more than a given number of <c>sts:AssumeRole</c>
/// hops (AWS caps a chained session at one hour, and a long chain hides who acts). Only AssumeRole edges are
/// followed, and a step into or out of a group is free, as in every search of the graph. A search goes only
/// one hop deeper than asked, lazily, the first time a principal is asked about; a principal that takes no
/// AssumeRole step of its own goes wherever its permission set's holders go, so they share one search, kept
/// for the scan (the graph is shared by every rule, so the cache is safe for concurrent use).
/// </summary>
internal sealed class RoleChains(PrincipalTopology topology, PrincipalNode[] nodes)
{
    // Per search start (a principal, or its holders group) and depth: the paths to the first two principals exactly depth + 1 hops away.
    private readonly ConcurrentDictionary<(int Start, int Depth), List<(int Node, int Edge)>[]> _beyond = new();

    /// <summary>Searches run so far (for measurements: shared starts are searched once).</summary>
    public int Searches => _beyond.Count;

    /// <summary>
    /// The path (node ids, each with the stored edge into it, -1 for a free step) to the first role in id order whose
    /// shortest AssumeRole chain from the principal is <paramref name="depth"/> + 1 hops; null when there is none.
    /// </summary>
    public List<(int Node, int Edge)>? PathBeyond(int principal, int depth)
    {
        var holder = topology.HolderOf(principal);
        var shared = holder >= 0 && !AssumesOnItsOwn(principal);
        var start = shared ? holder : principal;
        var candidates = _beyond.GetOrAdd((start, depth), key => Search(key.Start, key.Depth));
        // From the holders group the principal itself may lie beyond; its own distance is none.
        var path = candidates.FirstOrDefault(p => p[^1].Node != principal);
        if (path is null || !shared)
        {
            return path;
        }
        return [(principal, -1), .. path];
    }

    private bool AssumesOnItsOwn(int principal)
    {
        foreach (var edge in topology.StoredOut(principal))
        {
            if (topology.Edge(edge).Kind == PrincipalEdgeKind.AssumeRole)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A 0-1 breadth-first search from one node to depth + 1 hops, sparse: most principals reach few others.</summary>
    private List<(int Node, int Edge)>[] Search(int start, int depth)
    {
        var limit = depth + 1;
        var hops = new Dictionary<int, (int Hops, int Via, int Edge)> { [start] = (0, -1, -1) };
        var deque = new LinkedList<int>();
        deque.AddLast(start);
        var steps = new List<(int Node, int Edge)>();
        while (deque.First is { } head)
        {
            deque.RemoveFirst();
            var at = head.Value;
            var here = hops[at].Hops;
            steps.Clear();
            topology.Successors(at, steps);
            foreach (var (node, edge) in steps)
            {
                if (edge >= 0 && topology.Edge(edge).Kind != PrincipalEdgeKind.AssumeRole)
                {
                    continue;
                }
                var cost = edge < 0 ? 0 : 1;
                var reached = here + cost;
                if (reached > limit || (hops.TryGetValue(node, out var known) && known.Hops <= reached))
                {
                    continue;
                }
                hops[node] = (reached, at, edge);
                if (cost == 0)
                {
                    deque.AddFirst(node);
                }
                else
                {
                    deque.AddLast(node);
                }
            }
        }
        return [.. hops.Where(h => h.Value.Hops == limit && nodes[h.Key].IsPrincipal).Select(h => h.Key).Order().Take(2).Select(target => PathTo(hops, target))];
    }

    private static List<(int Node, int Edge)> PathTo(Dictionary<int, (int Hops, int Via, int Edge)> hops, int target)
    {
        var path = new List<(int Node, int Edge)>();
        for (var at = target; at >= 0; at = hops[at].Via)
        {
            path.Add((at, hops[at].Edge));
        }
        path.Reverse();
        return path;
    }
}
