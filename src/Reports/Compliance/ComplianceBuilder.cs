using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Compliance;

/// <summary>
/// Scores every framework of <see cref="FrameworkCatalog"/> from the <c>controls:</c> headers of a
/// scan's rules and either the resources it counted per control (<see cref="ScanResult.Counts"/>,
/// passes included whatever findings were kept) or, for a scan without counts, one pass over its findings.
/// </summary>
internal static class ComplianceBuilder
{
    private const byte Passing = 0, NotAssessed = 1, Failing = 2;

    /// <param name="customerIndex">The report's index of a customer id (-1 for none), so that scores line up with its filters.</param>
    public static IReadOnlyList<FrameworkScore> Build(ScanResult result, Func<string?, int> customerIndex, CancellationToken cancellationToken)
    {
        var scores = new List<FrameworkScore>();
        // Rule id → the controls (of every framework) it judges.
        var controlsOfRule = new Dictionary<string, List<ControlScore>>(StringComparer.Ordinal);
        foreach (var framework in FrameworkCatalog.All)
        {
            var controls = framework.Controls.Select((c, i) => new ControlScore(c, i)).ToList();
            var byId = controls.ToDictionary(c => c.Control.Id, StringComparer.Ordinal);
            var unlisted = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var rule in result.Rules)
            {
                foreach (var cited in rule.Controls.Where(c => c.StartsWith(framework.Prefix, StringComparison.Ordinal)))
                {
                    var id = cited[framework.Prefix.Length..].Trim();
                    if (!byId.TryGetValue(id, out var control))
                    {
                        unlisted.Add(id);
                        continue;
                    }
                    control.Rules.Add(rule.Id);
                    if (!controlsOfRule.TryGetValue(rule.Id, out var list))
                    {
                        controlsOfRule[rule.Id] = list = [];
                    }
                    list.Add(control);
                }
            }
            scores.Add(new FrameworkScore(framework, controls) { UnlistedCitations = [.. unlisted] });
        }

        if (result.Counts is { } counts)
        {
            AddCounts(counts, result, scores, customerIndex);
            return scores;
        }
        // (control, resource) → the customer and the worst state seen: a resource passes a control only if all its rules pass it.
        var states = new Dictionary<(ControlScore, string), (int Customer, byte State)>();
        for (var i = 0; i < result.Findings.Count; i++)
        {
            if ((i & 8191) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var finding = result.Findings[i];
            if (finding.Verdict == Verdict.Skip || !controlsOfRule.TryGetValue(finding.RuleId, out var controls))
            {
                continue;
            }
            var state = finding.Verdict switch { Verdict.Pass => Passing, Verdict.NotAssessed => NotAssessed, _ => Failing };
            foreach (var control in controls)
            {
                var key = (control, finding.ResourceArn);
                states[key] = states.TryGetValue(key, out var seen)
                    ? (seen.Customer, Math.Max(seen.State, state))
                    : (customerIndex(finding.Customer), state);
            }
        }
        foreach (var ((control, _), (customer, state)) in states)
        {
            if (!control.ByCustomer.TryGetValue(customer, out var tally))
            {
                control.ByCustomer[customer] = tally = new ResourceTally();
            }
            Count(control.Total, state);
            Count(tally, state);
        }
        return scores;
    }

    /// <summary>The scan counted each account's resources per control as its rules cite it: those counts, added up per customer.</summary>
    private static void AddCounts(ScanCounts counts, ScanResult result, List<FrameworkScore> scores, Func<string?, int> customerIndex)
    {
        var byCitation = new Dictionary<string, ControlScore>(StringComparer.Ordinal);
        foreach (var score in scores)
        {
            foreach (var control in score.Controls.Where(c => c.Covered))
            {
                byCitation[score.Framework.Prefix + control.Control.Id] = control;
            }
        }
        foreach (var (accountId, account) in counts.Accounts)
        {
            var customer = customerIndex(result.Estate.CustomerOf(accountId)?.Id);
            foreach (var (cited, resources) in account.Controls)
            {
                // A citation is written as the rule wrote it; the framework's prefix and the id may be apart by spaces.
                if (!byCitation.TryGetValue(cited, out var control) && !byCitation.TryGetValue(Normalise(cited, scores), out control))
                {
                    continue;
                }
                if (!control.ByCustomer.TryGetValue(customer, out var tally))
                {
                    control.ByCustomer[customer] = tally = new ResourceTally();
                }
                foreach (var each in new[] { control.Total, tally })
                {
                    each.Passing += resources.Passing;
                    each.Failing += resources.Failing;
                    each.NotAssessed += resources.NotAssessed;
                }
            }
        }
    }

    private static string Normalise(string cited, List<FrameworkScore> scores) =>
        scores.Select(s => s.Framework.Prefix).FirstOrDefault(p => cited.StartsWith(p, StringComparison.Ordinal)) is { } prefix
            ? prefix + cited[prefix.Length..].Trim()
            : cited;

    private static void Count(ResourceTally tally, byte state)
    {
        switch (state)
        {
            case Passing: tally.Passing++; break;
            case NotAssessed: tally.NotAssessed++; break;
            default: tally.Failing++; break;
        }
    }
}
