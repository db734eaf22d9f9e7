using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>How many findings of a group (a customer, an account, a severity) ended in each verdict.</summary>
internal sealed class VerdictCounts
{
    private readonly int[] _counts = new int[Labels.Verdicts.Count];

    public int this[Verdict verdict] => _counts[(int)verdict];

    public int Total => _counts.Sum();

    public void Add(Verdict verdict) => _counts[(int)verdict]++;

    /// <summary>Adds a scan's counted evaluations (<see cref="Rules.Findings.ScanCounts"/>), one verdict at a time.</summary>
    public void Add(Rules.Findings.FamilySummary counts)
    {
        _counts[(int)Verdict.Pass] += counts.Pass;
        _counts[(int)Verdict.Fail] += counts.Fail;
        _counts[(int)Verdict.Error] += counts.Error;
        _counts[(int)Verdict.Skip] += counts.Skip;
        _counts[(int)Verdict.NotAssessed] += counts.NotAssessed;
        _counts[(int)Verdict.Suppressed] += counts.Suppressed;
    }
}
