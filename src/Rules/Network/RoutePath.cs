using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>
/// A route path from one VPC to another that traffic can also come back by: the hops there and the hops back.
/// A path only one way carries no conversation (TCP needs the return), so it is not a path here.
/// </summary>
public sealed record RoutePath(NetworkVpc From, NetworkVpc To, ImmutableArray<RouteHop> There, ImmutableArray<RouteHop> Back)
{
    /// <summary>Every hop, there then back, as text: a finding's evidence.</summary>
    public IEnumerable<string> Hops() =>
        There.Select(h => "there: " + h).Concat(Back.Select(h => "back: " + h));

    public override string ToString() => $"{From.VpcId} → {To.VpcId} ({There.Length} hops there, {Back.Length} back)";
}
