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

    // Search states not in use: as many as searches ever ran at once (one per judging thread), kept with the graph.
    private readonly Stack<Scratch> _scratches = new();

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
        var candidates = _beyond.GetOrAdd((start, depth), static (key, self) => self.Search(key.Start, key.Depth), this);
        // From the holders group the principal itself may lie beyond; its own distance is none.
        List<(int Node, int Edge)>? path = null;
        foreach (var candidate in candidates)
        {
            if (candidate[^1].Node != principal)
            {
                path = candidate;
                break;
            }
        }
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

    /// <summary>
    /// A 0-1 breadth-first search from one node to depth + 1 hops, sparse: most principals reach few others. It runs for
    /// most principals of a scan, so it works in a <see cref="Scratch"/> kept between searches and allocates only its answer.
    /// </summary>
    private List<(int Node, int Edge)>[] Search(int start, int depth)
    {
        Scratch? scratch;
        lock (_scratches)
        {
            _scratches.TryPop(out scratch);
        }
        scratch ??= new Scratch(nodes.Length);
        try
        {
            return Search(scratch, start, depth + 1);
        }
        finally
        {
            scratch.Reset();
            lock (_scratches)
            {
                _scratches.Push(scratch);
            }
        }
    }

    private List<(int Node, int Edge)>[] Search(Scratch scratch, int start, int limit)
    {
        scratch.Reach(start, 0, -1, -1);
        scratch.PushBack(start);
        var steps = scratch.Steps;
        while (scratch.TryPopFront(out var at))
        {
            var here = scratch.Hops[at];
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
                if (reached > limit || (scratch.Reached(node) && scratch.Hops[node] <= reached))
                {
                    continue;
                }
                scratch.Reach(node, reached, at, edge);
                if (cost == 0)
                {
                    scratch.PushFront(node);
                }
                else
                {
                    scratch.PushBack(node);
                }
            }
        }
        // The first two principals in id order exactly limit hops away.
        int first = int.MaxValue, second = int.MaxValue;
        foreach (var node in scratch.Touched)
        {
            if (scratch.Hops[node] == limit && nodes[node].IsPrincipal && node < second)
            {
                (first, second) = node < first ? (node, first) : (first, node);
            }
        }
        return first == int.MaxValue ? [] : second == int.MaxValue ? [PathTo(scratch, first)] : [PathTo(scratch, first), PathTo(scratch, second)];
    }

    private static List<(int Node, int Edge)> PathTo(Scratch scratch, int target)
    {
        var path = new List<(int Node, int Edge)>();
        for (var at = target; at >= 0; at = scratch.Via[at])
        {
            path.Add((at, scratch.Edge[at]));
        }
        path.Reverse();
        return path;
    }

    /// <summary>
    /// One search's state over the graph's nodes (hops, the step into each node, the deque), kept for the next search:
    /// only the nodes a search reached are cleared after it.
    /// </summary>
    private sealed class Scratch
    {
        private readonly bool[] _reached;
        private int[] _deque = new int[64];
        private int _head;
        private int _count;

        public Scratch(int nodes)
        {
            _reached = new bool[nodes];
            Hops = new int[nodes];
            Via = new int[nodes];
            Edge = new int[nodes];
        }

        public int[] Hops { get; }
        public int[] Via { get; }
        public int[] Edge { get; }
        public List<int> Touched { get; } = [];
        public List<(int Node, int Edge)> Steps { get; } = [];

        public bool Reached(int node) => _reached[node];

        public void Reach(int node, int hops, int via, int edge)
        {
            if (!_reached[node])
            {
                _reached[node] = true;
                Touched.Add(node);
            }
            Hops[node] = hops;
            Via[node] = via;
            Edge[node] = edge;
        }

        public void PushFront(int node)
        {
            Grow();
            _head = (_head - 1 + _deque.Length) % _deque.Length;
            _deque[_head] = node;
            _count++;
        }

        public void PushBack(int node)
        {
            Grow();
            _deque[(_head + _count) % _deque.Length] = node;
            _count++;
        }

        public bool TryPopFront(out int node)
        {
            if (_count == 0)
            {
                node = -1;
                return false;
            }
            node = _deque[_head];
            _head = (_head + 1) % _deque.Length;
            _count--;
            return true;
        }

        public void Reset()
        {
            foreach (var node in Touched)
            {
                _reached[node] = false;
            }
            Touched.Clear();
            _head = 0;
            _count = 0;
        }

        private void Grow()
        {
            if (_count < _deque.Length)
            {
                return;
            }
            var larger = new int[_deque.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                larger[i] = _deque[(_head + i) % _deque.Length];
            }
            _deque = larger;
            _head = 0;
        }
    }
}
