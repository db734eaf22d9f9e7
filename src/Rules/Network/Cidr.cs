using System.Net;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>An IPv4 CIDR block as a route table or a VPC holds it, compared by prefix.</summary>
public readonly record struct Cidr(IPNetwork Block)
{
    public int PrefixLength => Block.PrefixLength;

    /// <summary>The block, or null when the text is not a canonical IPv4 CIDR (AWS writes only those).</summary>
    public static Cidr? TryParse(string? text) =>
        text is not null && IPNetwork.TryParse(text, out var block) && block.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? new Cidr(block)
            : null;

    /// <summary>Whether every address of <paramref name="other"/> is in this block.</summary>
    public bool Covers(Cidr other) => PrefixLength <= other.PrefixLength && Block.Contains(other.Block.BaseAddress);

    /// <summary>Whether the two blocks share an address.</summary>
    public bool Overlaps(Cidr other) => Covers(other) || other.Covers(this);

    public override string ToString() => Block.ToString();
}
