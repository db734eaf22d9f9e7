using Ocado.Guardrails.Rules.Engine;

namespace Ocado.Guardrails.Rules.Policies;

/// <summary>Whether one way of sharing was checked by a scan, and if not, why.</summary>
public sealed record SharingCheck(SharingType Type, bool Checked, string Reason)
{
    /// <summary>Every declared way of sharing, judged against the rules the scan ran.</summary>
    public static IReadOnlyList<SharingCheck> For(IEnumerable<RuleHeader> rulesRan)
    {
        var ran = rulesRan.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return [.. SharingTypes.All.Select(type => type switch
        {
            { CollectedFrom: null } => new SharingCheck(type, false, $"not collected: {type.Note}"),
            { RuleId: null } => new SharingCheck(type, false, $"no rule judges it{(type.Note is null ? "" : $": {type.Note}")}"),
            _ when !ran.Contains(type.RuleId) => new SharingCheck(type, false, $"{type.RuleId} did not run in this scan"),
            _ => new SharingCheck(type, true, $"read from {type.CollectedFrom}, judged by {type.RuleId}"),
        })];
    }
}
