namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The networks of one account and region, for the resources placed in them.</summary>
internal sealed record NetworkPool(IReadOnlyList<NetworkPool.Vpc> Vpcs)
{
    public static readonly NetworkPool Empty = new([]);

    public sealed record Subnet(string Id, string Zone, string Cidr, bool Public);

    public sealed record Vpc(string Id, string Cidr, IReadOnlyList<Subnet> Subnets, IReadOnlyList<string> SecurityGroups);
}
