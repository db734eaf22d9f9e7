namespace Ocado.Guardrails.Scanner.Demo;

/// <summary>
/// A quota whose usage and value are set on purpose in one account and region: a planted violation, or a compliant
/// look-alike close to a threshold. The generator creates exactly <see cref="Usage"/> resources of the counted type.
/// </summary>
internal sealed record QuotaPlant(string Owner, string Environment, string Region, string QuotaCode, int Usage, int Value, bool Adjustable)
{
    /// <summary>
    /// Values below an AWS default and non-adjustable flags on adjustable quotas are demo fiction: they put the
    /// thresholds within reach of a small estate.
    /// </summary>
    public static readonly IReadOnlyList<QuotaPlant> All =
    [
        new("acme", "production", "eu-west-1", "L-F678F1CE", 4, 5, true),           // 80%: headroom
        new("acme", "staging", "eu-central-1", "L-0263D0A3", 5, 5, true),           // 100%: headroom, exhausted
        new("acme", "development", "eu-central-1", "L-7B6409FD", 4, 4, false),      // 100%, fixed: all three
        new("globex", "production", "eu-west-1", "L-0263D0A3", 7, 10, false),       // 70%, fixed: non-adjustable only
        new("globex", "staging", "eu-central-1", "L-A4707A72", 3, 3, false),        // 100%, fixed: all three
        new("globex", "development", "eu-west-1", "L-F678F1CE", 5, 5, true),        // 100%: headroom, exhausted
        new("initech", "production", "eu-west-1", "L-7B6409FD", 9, 10, true),       // 90%: headroom
        new("initech", "staging", "eu-central-1", "L-FE5A380F", 4, 5, true),        // 80%: headroom
        new("initech", "development", "eu-west-1", "L-E79EC296", 32, 50, false),    // 64%, fixed: non-adjustable only
        new("platform", "production", "eu-central-1", "L-E79EC296", 45, 50, true),  // 90%: headroom
        new("acme", "development", "eu-west-1", "L-A4707A72", 3, 5, true),          // 60%, adjustable: warning only
        new("globex", "production", "eu-central-1", "L-0263D0A3", 7, 10, true),     // 70%, adjustable: warning only
        new("initech", "production", "eu-central-1", "L-0263D0A3", 5, 10, false),   // 50%, fixed: passes
    ];

    public static QuotaPlant? Find(DemoAccount account, string region, string quotaCode) =>
        All.FirstOrDefault(p => p.Owner == account.CustomerTag && p.Environment == account.Environment
            && p.Region == region && p.QuotaCode == quotaCode);
}
