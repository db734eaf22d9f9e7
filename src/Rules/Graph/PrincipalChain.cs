namespace Ocado.Guardrails.Rules.Graph;

/// <summary>A chain of steps from one principal to another, shortest first found; empty when it starts where it ends.</summary>
public sealed class PrincipalChain
{
    internal PrincipalChain(PrincipalNode start, IEnumerable<PrincipalEdge> hops)
    {
        Start = start;
        Hops = Frozen.List(hops);
    }

    public PrincipalNode Start { get; }

    public IReadOnlyList<PrincipalEdge> Hops { get; }

    public PrincipalNode End => Hops.Count == 0 ? Start : Hops[^1].To;

    /// <summary>Every principal on the chain, the start first.</summary>
    public IEnumerable<PrincipalNode> Nodes => Hops.Select(h => h.From).Append(End);

    /// <summary>The chain for a message: each hop with the statement that grants it, separated by "; then ".</summary>
    public string Describe() =>
        Hops.Count == 0 ? Start.DisplayName : string.Join("; then ", Hops.Select(h => h.Describe()));

    /// <summary>The chain as evidence: each hop as a line, and the statements that grant it (the trust that admits it too).</summary>
    public Evidence Evidence() =>
        Rules.Evidence.Of(Hops.SelectMany(h => h.Trust is { } trust ? new[] { h.Grant, trust } : [h.Grant]))
            .And("chain", Hops.Select(h => h.Describe()));

    public override string ToString() => Describe();
}
