namespace Ocado.Guardrails.Rules.Network;

public sealed partial class RouteGraph
{
    /// <summary>
    /// The routes that carry some address of <paramref name="block"/>: the longest-prefix route that covers the whole
    /// block, and each route more specific than the block inside it (it takes its part of the block). At one prefix a
    /// static route wins over a propagated one, as a transit gateway chooses
    /// (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-evaluation-overview).
    /// </summary>
    private static List<T> Choose<T>(IReadOnlyList<T> routes, Cidr block, Func<T, Cidr> destination, Func<T, bool> isStatic)
    {
        T? best = default;
        var found = false;
        var inside = new Dictionary<Cidr, T>();
        foreach (var route in routes)
        {
            var to = destination(route);
            if (to.Covers(block))
            {
                if (!found || Better(to, isStatic(route), destination(best!), isStatic(best!)))
                {
                    (best, found) = (route, true);
                }
            }
            else if (block.Covers(to) && (!inside.TryGetValue(to, out var known) || (isStatic(route) && !isStatic(known))))
            {
                inside[to] = route;
            }
        }
        var chosen = found ? new List<T> { best! } : [];
        chosen.AddRange(inside.Values);
        return chosen;
    }

    private static bool Better(Cidr to, bool isStatic, Cidr bestTo, bool bestStatic) =>
        to.PrefixLength > bestTo.PrefixLength || (to.PrefixLength == bestTo.PrefixLength && isStatic && !bestStatic);
}
