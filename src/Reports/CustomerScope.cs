using Ocado.Guardrails.Reports.Scoping;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Findings;
using Ocado.Guardrails.Rules.Waivers;

namespace Ocado.Guardrails.Reports;

/// <summary>
/// Cuts a scan down to what one customer may see: its own findings and coverage gaps, and an estate
/// that knows no other customer and no platform account. Messages and gap reasons are free text that
/// may name another account (a bucket policy granting access to it, say); those names are redacted.
/// </summary>
public static class CustomerScope
{
    /// <summary>
    /// The part of <paramref name="result"/> that belongs to the customer. Its summary is recomputed
    /// from the kept findings: <see cref="ScanResult.Resources"/> counts the distinct resources with a
    /// finding, and <see cref="ScanResult.Evaluations"/> counts the kept findings per family and verdict.
    /// Those are fail, error, notAssessed and suppressed verdicts (pass too when the scan kept passes);
    /// skip is always zero, because a scan keeps no findings for skips.
    /// </summary>
    /// <exception cref="ArgumentException">The estate has no customer with that id.</exception>
    public static ScanResult For(ScanResult result, string customerId)
    {
        var customer = result.Estate.Customers.FirstOrDefault(c => c.Id == customerId)
                       ?? throw new ArgumentException($"The estate has no customer '{customerId}'.", nameof(customerId));
        var accounts = new HashSet<string>(customer.Accounts, StringComparer.Ordinal);
        var redactor = new Redactor(result.Estate, customer);
        // A resource's findings share its tags: redacted once per resource, not once per finding.
        var redactedTags = new Dictionary<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>>(ReferenceEqualityComparer.Instance);
        IReadOnlyDictionary<string, string> RedactTags(IReadOnlyDictionary<string, string> tags) =>
            redactedTags.TryGetValue(tags, out var redacted) ? redacted : redactedTags[tags] = redactor.Redact(tags);
        // Equal evidence is one string shared by the findings that quote it (a statement judged by several rules): redacted once.
        var redactedEvidence = new Dictionary<string, string>(ReferenceEqualityComparer.Instance);
        string RedactEvidence(string evidence) =>
            redactedEvidence.TryGetValue(evidence, out var redacted) ? redacted : redactedEvidence[evidence] = redactor.Redact(evidence);

        var findings = result.Findings
            .Where(f => accounts.Contains(f.AccountId))
            .Select(f => f with
            {
                Customer = customer.Id,
                Message = redactor.Redact(f.Message),
                // A policy statement names the principals it grants, and a tag can name another customer.
                Evidence = f.Evidence is null ? null : RedactEvidence(f.Evidence),
                Tags = f.Tags is null ? null : RedactTags(f.Tags),
            })
            .ToList();
        var gaps = result.Gaps
            .Where(g => accounts.Contains(g.AccountId))
            .Select(g => g with { Reason = redactor.Redact(g.Reason) })
            .ToList();

        // Counts are per account: the customer's accounts' alone.
        var counts = result.Counts?.Only(customer.Accounts);
        return result with
        {
            Resources = findings.Select(f => f.ResourceArn).Distinct(StringComparer.Ordinal).Count(),
            Evaluations = Summarise(result.Evaluations.Keys, findings, counts, result.Rules),
            Counts = counts,
            Gaps = gaps,
            Findings = findings,
            Estate = new Estate([customer], [], result.Estate.Regions),
            // The scan's trend counts the whole estate's findings, other customers' included: the customer's own instead.
            Trend = result.CustomerTrends.GetValueOrDefault(customer.Id) ?? [],
            CustomerTrends = result.CustomerTrends.TryGetValue(customer.Id, out var own)
                ? new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal) { [customer.Id] = own }
                : new Dictionary<string, IReadOnlyList<ScanTrendPoint>>(StringComparer.Ordinal),
            QuotaForecasts = [.. result.QuotaForecasts.Where(q => accounts.Contains(q.AccountId))],
            // The channels are the operator's, and their errors may name other customers' recipients.
            NotificationFailures = [],
            Waivers = Scope(result.Waivers, customer, redactor),
        };
    }

    /// <summary>Only the waivers that could concern the customer, with other customers' names redacted from their free text.</summary>
    private static WaiverReport Scope(WaiverReport waivers, Customer customer, Redactor redactor)
    {
        var scoped = waivers.For(customer.Accounts);
        WaiverNotice Redact(WaiverNotice n) => n with
        {
            Note = redactor.Redact(n.Note),
            Waiver = n.Waiver with
            {
                Resource = n.Waiver.Resource is null ? null : redactor.Redact(n.Waiver.Resource),
                Reason = redactor.Redact(n.Waiver.Reason),
                Owner = redactor.Redact(n.Waiver.Owner),
            },
        };
        return new WaiverReport([.. scoped.Stale.Select(Redact)], [.. scoped.Expired.Select(Redact)]);
    }

    private static Dictionary<string, FamilySummary> Summarise(
        IEnumerable<string> families, List<Finding> findings, ScanCounts? scanCounts, IReadOnlyList<Rules.Engine.RuleHeader> rules)
    {
        // Every family of the scan stays, with zeros, so that a clean customer still shows what was judged.
        var summary = families.ToDictionary(f => f, _ => new FamilySummary(), StringComparer.Ordinal);
        if (scanCounts is not null)
        {
            // The scan counted every evaluation, passes and skips included: the customer's, added up by family.
            var familyOf = rules.ToDictionary(r => r.Id, r => r.Family, StringComparer.Ordinal);
            foreach (var (ruleId, ruleCounts) in scanCounts.Accounts.Values.SelectMany(a => a.Rules))
            {
                var family = familyOf.GetValueOrDefault(ruleId) ?? ruleId.Split('-')[0];
                if (!summary.TryGetValue(family, out var total))
                {
                    summary[family] = total = new FamilySummary();
                }
                total.Add(ruleCounts);
            }
            return summary;
        }
        foreach (var finding in findings)
        {
            if (!summary.TryGetValue(finding.Family, out var counts))
            {
                summary[finding.Family] = counts = new FamilySummary();
            }
            counts.Add(finding.Verdict);
        }
        return summary;
    }
}
