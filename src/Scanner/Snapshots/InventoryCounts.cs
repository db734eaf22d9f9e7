using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Scanner.Snapshots;

/// <summary>How many resources of each type each account holds, per region: what quota usage is counted from.</summary>
internal sealed class InventoryCounts
{
    private readonly Dictionary<(string Type, string Account, string Region), int> _counts = [];

    public void Add(Resource resource)
    {
        var key = (resource.Type, resource.AccountId, resource.Region);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    /// <summary>The count in one region, or across every region of the account when region is null.</summary>
    public int Count(string type, string accountId, string? region) =>
        region is null
            ? _counts.Where(c => c.Key.Type == type && c.Key.Account == accountId).Sum(c => c.Value)
            : _counts.GetValueOrDefault((type, accountId, region));
}
