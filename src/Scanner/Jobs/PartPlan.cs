using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Scanner.Store;

namespace Ocado.Guardrails.Scanner.Jobs;

/// <summary>
/// How a scan is cut into parts: one per (account, region of the estate), plus one per account for
/// everything else (global IAM, quotas AWS reports in us-east-1, regions nobody listed). Every
/// resource and every coverage gap belongs to exactly one part, so nothing is judged twice or lost.
/// </summary>
internal sealed class PartPlan(Estate estate)
{
    public IReadOnlyList<PartKey> Parts(IEnumerable<string> accounts) =>
        [.. accounts.Order(StringComparer.Ordinal).SelectMany(account =>
            estate.Regions.Append(PartKey.Global).Distinct(StringComparer.Ordinal).Select(region => new PartKey(account, region)))];

    /// <summary>The part's region that judges a resource (or records a gap) of this region.</summary>
    public string Home(string? region) =>
        region is not null && region != PartKey.Global && estate.Regions.Contains(region) ? region : PartKey.Global;
}
