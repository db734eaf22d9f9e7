using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// The posture of a customer or an account: failing findings by severity, what changed since the
/// previous scan (from the findings' status), and the resources with a finding.
/// </summary>
internal sealed class PostureTally
{
    private readonly HashSet<int> _resources = [];

    /// <summary>Failing (Fail and Error) findings per <see cref="Severity"/> value.</summary>
    public int[] Failing { get; } = new int[Enum.GetValues<Severity>().Length];

    public int New { get; private set; }

    public int Resolved { get; private set; }

    public int ResourcesWithFindings => _resources.Count;

    public int FailingTotal => Failing.Sum();

    public void Add(Finding finding, int arn)
    {
        if (finding.Verdict is Verdict.Fail or Verdict.Error)
        {
            Failing[(int)finding.Severity]++;
        }
        if (finding.Verdict != Verdict.Pass)
        {
            _resources.Add(arn);
        }
        New += finding.Status == FindingStatus.New ? 1 : 0;
        Resolved += finding.Status == FindingStatus.Resolved ? 1 : 0;
    }

    /// <summary>Worst first: more critical failures, then more high, and so on down to info.</summary>
    public static int CompareWorstFirst(PostureTally a, PostureTally b)
    {
        for (var s = a.Failing.Length - 1; s >= 0; s--)
        {
            var c = b.Failing[s].CompareTo(a.Failing[s]);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }
}
