namespace Ocado.Guardrails.Rules.Graph;

/// <summary>
/// Shortest-chain searches over the graph's ids. A step into or out of a group (<see cref="PrincipalNode.IsGroup"/>)
/// is free and a stored edge costs one hop, so the searches are breadth-first with two queues (0-1 BFS): a
/// chain is as long as the steps AWS would take, however many groups it passes. Nodes are visited in id
/// (ARN) order, so that the same estate gives the same chains.
/// </summary>
internal sealed class PrincipalSearch(PrincipalTopology topology)
{
    /// <summary>What a search found for each node: the node it came from (or goes to) and the stored edge on the way (-1: a free step).</summary>
    public sealed record Result(int[] Hops, int[] Via, int[] ViaEdge);

    /// <summary>From every source at once, forwards (or backwards: then <c>Via</c> is the next node toward a source).</summary>
    public Result From(IEnumerable<int> sources, bool backwards, int maxHops = int.MaxValue)
    {
        var count = topology.NodeCount;
        var hops = new int[count];
        Array.Fill(hops, int.MaxValue);
        var via = new int[count];
        var viaEdge = new int[count];
        Array.Fill(via, -1);
        Array.Fill(viaEdge, -1);
        var deque = new LinkedList<int>();
        foreach (var source in sources)
        {
            hops[source] = 0;
            deque.AddLast(source);
        }
        var steps = new List<(int Node, int Edge)>();
        while (deque.First is { } head)
        {
            deque.RemoveFirst();
            var at = head.Value;
            steps.Clear();
            if (backwards)
            {
                topology.Predecessors(at, steps);
            }
            else
            {
                topology.Successors(at, steps);
            }
            foreach (var (node, edge) in steps)
            {
                var cost = edge < 0 ? 0 : 1;
                var reached = hops[at] + cost;
                if (reached >= hops[node] || reached > maxHops)
                {
                    continue;
                }
                hops[node] = reached;
                via[node] = at;
                viaEdge[node] = edge;
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
        return new Result(hops, via, viaEdge);
    }

    /// <summary>The path from a source to <paramref name="target"/> of a forward search: nodes and the edge into each (-1 for the first or a free step).</summary>
    public static List<(int Node, int Edge)> PathTo(Result result, int target)
    {
        var path = new List<(int Node, int Edge)>();
        for (var at = target; at >= 0; at = result.Via[at])
        {
            path.Add((at, result.ViaEdge[at]));
        }
        path.Reverse();
        // Each edge belongs to the step into its node; after the reverse, the first node's "edge" is the source's own (none).
        return path;
    }

    /// <summary>The path from <paramref name="start"/> toward a source of a backward search, each node with the edge taken to reach it.</summary>
    public static List<(int Node, int Edge)> PathFrom(Result result, int start)
    {
        var path = new List<(int Node, int Edge)> { (start, -1) };
        for (var at = start; result.Via[at] >= 0; at = result.Via[at])
        {
            path.Add((result.Via[at], result.ViaEdge[at]));
        }
        return path;
    }
}
