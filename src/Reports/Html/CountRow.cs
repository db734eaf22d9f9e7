namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// One line of an overview table. <see cref="Filter"/> and <see cref="FilterIndex"/> name the
/// findings filter that clicking the line sets (an index into the data's string table).
/// </summary>
internal sealed record CountRow(string Label, string Detail, string Filter, int FilterIndex, VerdictCounts Counts)
{
    public PostureTally Posture { get; } = new();

    /// <summary>Passes over passes, fails, errors and waived fails; null when there is nothing to divide.</summary>
    public int? PassPercent
    {
        get
        {
            var assessed = Counts[Rules.Verdict.Pass] + Counts[Rules.Verdict.Fail] + Counts[Rules.Verdict.Error] + Counts[Rules.Verdict.Suppressed];
            return assessed == 0 ? null : (int)(100L * Counts[Rules.Verdict.Pass] / assessed);
        }
    }
}
