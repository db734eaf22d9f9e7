namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>The networks of one account and region, for the resources placed in them, and their security groups' rules.</summary>
internal sealed record NetworkPool(IReadOnlyList<NetworkPool.Vpc> Vpcs, IReadOnlyList<NetworkPool.Group> Groups)
{
    public static readonly NetworkPool Empty = new([], []);

    public sealed record Subnet(string Id, string Zone, string Cidr, bool Public);

    public sealed record Vpc(string Id, string Cidr, IReadOnlyList<Subnet> Subnets, IReadOnlyList<string> SecurityGroups);

    /// <summary>A security group as its configuration item says: one inbound rule (a protocol, a port or all) from <paramref name="Ingress"/>, all out.</summary>
    /// <param name="Port">null with protocol -1 (every port).</param>
    public sealed record Group(string Id, string VpcId, string Name, string Description, string Protocol, int? Port, IReadOnlyList<string> Ingress);
}
