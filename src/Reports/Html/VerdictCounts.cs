using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>How many findings of a group (a customer, an account, a severity) ended in each verdict.</summary>
internal sealed class VerdictCounts
{
    private readonly int[] _counts = new int[Labels.Verdicts.Count];

    public int this[Verdict verdict] => _counts[(int)verdict];

    public int Total => _counts.Sum();

    public void Add(Verdict verdict) => _counts[(int)verdict]++;
}
