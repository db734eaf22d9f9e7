namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// One line of an overview table. <see cref="Filter"/> and <see cref="FilterIndex"/> name the
/// findings filter that clicking the line sets (an index into the data's string table).
/// </summary>
internal sealed record CountRow(string Label, string Detail, string Filter, int FilterIndex, VerdictCounts Counts)
{
    public PostureTally Posture { get; } = new();

    /// <summary>Every evaluation the scan counted for the line (passes included), when it counted them; else null and the rate comes from the findings.</summary>
    public VerdictCounts? Evaluated { get; set; }

    /// <summary>Passes over passes, fails, errors and waived fails; null when there is nothing to divide.</summary>
    public int? PassPercent
    {
        get
        {
            var counts = Evaluated ?? Counts;
            var assessed = counts[Rules.Verdict.Pass] + counts[Rules.Verdict.Fail] + counts[Rules.Verdict.Error] + counts[Rules.Verdict.Suppressed];
            return assessed == 0 ? null : (int)(100L * counts[Rules.Verdict.Pass] / assessed);
        }
    }
}
