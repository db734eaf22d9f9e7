using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Rules.Waivers;

/// <summary>
/// Applies the waivers of guardrails.yaml to a scan's findings as of one instant (the scan's start,
/// so that every part of a scan split over many workers judges expiry alike). A waived Fail becomes
/// Suppressed, listed with the waiver's reason; a Fail whose only waiver has run out stays Fail and
/// says so. Which waivers matched is returned by index, so that a scan made of parts can add them up
/// before calling <see cref="Report"/>.
/// </summary>
public sealed class WaiverBook
{
    private readonly IReadOnlyList<Waiver> _waivers;
    private readonly DateTimeOffset _asOf;

    public WaiverBook(IReadOnlyList<Waiver> waivers, DateTimeOffset asOf)
    {
        _waivers = waivers;
        _asOf = asOf;
    }

    public IReadOnlyList<Waiver> Waivers => _waivers;

    /// <summary>The findings with waivers applied, and the indexes of the waivers that matched a Fail.</summary>
    public (List<Finding> Findings, SortedSet<int> Matched) Apply(IEnumerable<Finding> findings)
    {
        var matched = new SortedSet<int>();
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            result.Add(finding.Verdict == Verdict.Fail ? ApplyOne(finding, matched) : finding);
        }
        return (result, matched);
    }

    private Finding ApplyOne(Finding finding, SortedSet<int> matched)
    {
        Waiver? expired = null;
        for (var i = 0; i < _waivers.Count; i++)
        {
            var waiver = _waivers[i];
            if (!waiver.Matches(finding))
            {
                continue;
            }
            matched.Add(i);
            if (waiver.HoldsAt(_asOf))
            {
                return finding with
                {
                    Verdict = Verdict.Suppressed,
                    Message = $"{finding.Message} [suppressed by a waiver until {waiver.ExpiresText} (owner {waiver.Owner}): {waiver.Reason}]",
                };
            }
            if (expired is null || waiver.Expires > expired.Expires)
            {
                expired = waiver;
            }
        }
        return expired is null
            ? finding
            : finding with { Message = $"{finding.Message} [reopened: its waiver expired on {expired.ExpiresText} (owner {expired.Owner}): {expired.Reason}]" };
    }

    /// <summary>
    /// Stale: a waiver still in force that matched no Fail in the scan. Expired: a waiver past its
    /// date (whether or not it matched). Only waivers that concern the scanned accounts are judged.
    /// </summary>
    public WaiverReport Report(IEnumerable<int> matched, IReadOnlyCollection<string> scannedAccounts)
    {
        var used = matched.ToHashSet();
        var stale = new List<WaiverNotice>();
        var expired = new List<WaiverNotice>();
        for (var i = 0; i < _waivers.Count; i++)
        {
            var waiver = _waivers[i];
            if (!waiver.Concerns(scannedAccounts))
            {
                continue;
            }
            if (!waiver.HoldsAt(_asOf))
            {
                expired.Add(new WaiverNotice(waiver, $"expired on {waiver.ExpiresText}; the findings it covered are open again (owner {waiver.Owner})"));
            }
            else if (!used.Contains(i))
            {
                stale.Add(new WaiverNotice(waiver, $"matches no failing finding: remove it or correct its pattern (owner {waiver.Owner})"));
            }
        }
        return new WaiverReport(stale, expired);
    }
}
