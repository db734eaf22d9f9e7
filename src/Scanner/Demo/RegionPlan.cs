namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// How many resources of each type one account holds in one region: a share of the region's budget, except where a
/// <see cref="QuotaPlant"/> fixes the count that a quota's usage is computed from.
/// </summary>
internal sealed record RegionPlan
{
    public int Vpcs { get; init; }
    public int SubnetsPerVpc { get; init; }
    public int InternetGateways { get; init; }
    public int NatGateways { get; init; }
    public int ElasticIps { get; init; }
    public int SecurityGroups { get; init; }
    public int Instances { get; init; }
    public int DbInstances { get; init; }
    public int DbClusters { get; init; }
    public int Functions { get; init; }
    public int Tables { get; init; }
    public int Buckets { get; init; }
    public int Queues { get; init; }
    public int Topics { get; init; }
    public int Keys { get; init; }
    public int InvocationJobs { get; init; }

    /// <param name="budget">Resources this region should hold, of every type.</param>
    public static RegionPlan Create(DemoAccount account, string region, int budget)
    {
        int Share(double weight, int minimum) => Math.Max(minimum, (int)Math.Round(budget * weight));
        int Planted(string quotaCode, int otherwise) => QuotaPlant.Find(account, region, quotaCode)?.Usage ?? otherwise;

        var vpcs = Planted("L-F678F1CE", 2 + (budget / 4000));
        var nats = Planted("L-FE5A380F", Math.Min(2, vpcs));
        var dbInstances = Planted("L-7B6409FD", Share(0.03, 2));
        return new RegionPlan
        {
            Vpcs = vpcs,
            SubnetsPerVpc = 4 + (budget / (vpcs * 1500)),
            InternetGateways = Planted("L-A4707A72", vpcs),
            NatGateways = nats,
            ElasticIps = Planted("L-0263D0A3", nats + 1 + (budget / 400)),
            SecurityGroups = Math.Max(vpcs, Planted("L-E79EC296", vpcs + Share(0.04, 2))),
            Instances = Share(0.16, 3),
            DbInstances = dbInstances,
            DbClusters = Math.Min(dbInstances / 2, Planted("L-952B80B8", Share(0.01, 1))),
            Functions = Share(0.12, 3),
            Tables = Share(0.06, 2),
            Buckets = Share(0.08, 3),
            Queues = Share(0.07, 3),
            Topics = Share(0.05, 2),
            Keys = Share(0.03, 2),
            InvocationJobs = Share(0.01, 1),
        };
    }
}
