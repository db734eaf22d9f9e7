using System.Collections.Immutable;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// The estate's network as a scan read it: the route graph of every account and region whose network outputs were
/// read, and the gaps (an account or region not collected, a file that could not be read). A path found is real; a
/// path not found proves nothing where a gap is, so a rule says NotAssessed rather than Pass there.
/// </summary>
public sealed class NetworkView
{
    private readonly ImmutableArray<CoverageGap> _gaps;

    public NetworkView(RouteGraph graph, IEnumerable<CoverageGap> gaps)
    {
        Graph = graph;
        _gaps = [.. gaps];
    }

    /// <summary>No network was read at all (a template check, a source that does not collect it).</summary>
    public static NetworkView NotRead(string reason) =>
        new(RouteGraph.Empty, [new CoverageGap("", null, CoverageGap.Sources.Network, reason)]);

    public RouteGraph Graph { get; }

    /// <summary>
    /// Whether the network was collected at all (some account's outputs were there to read): a snapshot without any
    /// says so in the rules' NotAssessed messages, not once per account in the coverage.
    /// </summary>
    public bool Collected { get; init; } = true;

    /// <summary>What could not be read, in the order found.</summary>
    public IReadOnlyList<CoverageGap> Gaps => _gaps;

    /// <summary>
    /// Why the network of some account of <paramref name="accounts"/> (any region: peerings cross regions) is not fully
    /// known, or null when every one was read: a Pass would rest on what was not seen.
    /// </summary>
    public string? Unknown(IEnumerable<string> accounts)
    {
        var wanted = accounts.ToHashSet(StringComparer.Ordinal);
        var gap = _gaps.FirstOrDefault(g => g.AccountId.Length == 0 || wanted.Contains(g.AccountId));
        return gap is null ? null : Describe(gap);
    }

    /// <summary>
    /// Why a route path of the VPC could hide in what was not read, or null when every account and region its route
    /// paths could cross (<see cref="RouteGraph.ScopeOf"/>) was read, and every gateway, route table, peering and VPC they
    /// lead to was listed: then finding no path proves there is none. A gap elsewhere in the estate does not matter here.
    /// </summary>
    public string? UnknownOnPaths(string vpcId)
    {
        var scope = Graph.ScopeOf(vpcId);
        var gap = _gaps.FirstOrDefault(g => g.AccountId.Length == 0
            || scope.Places.Any(p => p.Account == g.AccountId && (g.Region is null || g.Region == p.Region)));
        return gap is not null ? $"its route paths reach {(gap.AccountId.Length == 0 ? "the estate" : "account " + gap.AccountId)}{(gap.Region is { } r ? " in " + r : "")}, whose network was not read: {gap.Reason}"
            : scope.Unresolved.Count > 0 ? scope.Unresolved[0]
            : null;
    }

    private static string Describe(CoverageGap gap) =>
        $"the network of {(gap.AccountId.Length == 0 ? "the estate" : "account " + gap.AccountId)}{(gap.Region is { } r ? " in " + r : "")} was not read: {gap.Reason}";
}
