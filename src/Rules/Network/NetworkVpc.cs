using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules.Network;

/// <summary>A VPC as <c>aws ec2 describe-vpcs</c> lists it: its owner, region and associated IPv4 blocks.</summary>
public sealed record NetworkVpc(string VpcId, string AccountId, string Region, ImmutableArray<Cidr> Cidrs)
{
    public override string ToString() => $"{VpcId} ({AccountId} {Region}, {string.Join(", ", Cidrs)})";
}
