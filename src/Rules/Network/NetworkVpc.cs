using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>A VPC as <c>aws ec2 describe-vpcs</c> lists it: its owner, region and associated IPv4 blocks.</summary>
/// <param name="Seen">
/// False for a VPC known only from a transit gateway attachment (an account whose network was not collected, one outside
/// the estate): its blocks are those the gateway routes to it, and its own route tables, unseen, are taken to send
/// everything back to the gateway (the worst case).
/// </param>
public sealed record NetworkVpc(string VpcId, string AccountId, string Region, ImmutableArray<Cidr> Cidrs, bool Seen = true)
{
    public override string ToString() => $"{VpcId} ({AccountId} {Region}, {string.Join(", ", Cidrs)})";
}
