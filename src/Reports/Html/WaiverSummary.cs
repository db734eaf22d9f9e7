using System.Globalization;
using System.Text.RegularExpressions;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// The waivers as the report shows them. Those in force are read from the suppressed findings,
/// whose message WaiverBook ends with "[suppressed by a waiver until DATE (owner O): REASON]"
/// (findings.json carries no list of waivers, and a customer's report must show only the waivers
/// over its own findings, which these are); expired and stale ones come from the scan's notices.
/// </summary>
internal sealed partial class WaiverSummary
{
    /// <summary>A waiver running out within this many days of the scan is flagged, so it is renewed or fixed in time.</summary>
    public const int ExpiringWithinDays = 30;

    public List<WaiverInForce> InForce { get; } = [];

    public List<(WaiverNotice Notice, int Reopened)> Expired { get; } = [];

    public IReadOnlyList<WaiverNotice> Stale { get; private init; } = [];

    public bool IsEmpty => InForce.Count == 0 && Expired.Count == 0 && Stale.Count == 0;

    public int ExpiringSoon => InForce.Count(w => w.ExpiringSoon);

    public static WaiverSummary Build(ScanResult result)
    {
        var summary = new WaiverSummary { Stale = result.Waivers.Stale };
        var today = DateOnly.FromDateTime(result.FinishedAt.UtcDateTime);
        var inForce = new Dictionary<(string, string, string), WaiverInForce>();
        var reopened = new Dictionary<(string Expires, string Owner), int>();
        foreach (var finding in result.Findings)
        {
            if (finding.Verdict == Verdict.Suppressed && SuppressedSuffix().Match(finding.Message) is { Success: true } m)
            {
                var key = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
                if (!inForce.TryGetValue(key, out var waiver))
                {
                    var expires = DateOnly.ParseExact(key.Item1, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    inForce[key] = waiver = new WaiverInForce(expires, key.Item2, key.Item3, expires.DayNumber - today.DayNumber);
                }
                waiver.Rules.Add(finding.RuleId);
                waiver.Resources.Add(finding.ResourceArn);
            }
            else if (finding.Verdict == Verdict.Fail && ReopenedSuffix().Match(finding.Message) is { Success: true } r)
            {
                var key = (r.Groups[1].Value, r.Groups[2].Value);
                reopened[key] = reopened.GetValueOrDefault(key) + 1;
            }
        }
        summary.InForce.AddRange(inForce.Values.OrderBy(w => w.Expires).ThenBy(w => w.Owner, StringComparer.Ordinal));
        summary.Expired.AddRange(result.Waivers.Expired.Select(n => (n, reopened.GetValueOrDefault((n.Waiver.ExpiresText, n.Waiver.Owner)))));
        return summary;
    }

    [GeneratedRegex(@"\[suppressed by a waiver until (\d{4}-\d{2}-\d{2}) \(owner (.*?)\): (.*)\]$", RegexOptions.Singleline)]
    private static partial Regex SuppressedSuffix();

    [GeneratedRegex(@"\[reopened: its waiver expired on (\d{4}-\d{2}-\d{2}) \(owner (.*?)\): (.*)\]$", RegexOptions.Singleline)]
    private static partial Regex ReopenedSuffix();
}

/// <summary>A waiver in force, known by its expiry, owner and reason; the rules and resources it suppressed in this scan.</summary>
internal sealed record WaiverInForce(DateOnly Expires, string Owner, string Reason, int DaysLeft)
{
    public SortedSet<string> Rules { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Resources { get; } = new(StringComparer.Ordinal);

    public bool ExpiringSoon => DaysLeft <= WaiverSummary.ExpiringWithinDays;
}
