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
        return gap is null ? null : $"the network of {(gap.AccountId.Length == 0 ? "the estate" : "account " + gap.AccountId)}{(gap.Region is { } r ? " in " + r : "")} was not read: {gap.Reason}";
    }
}
