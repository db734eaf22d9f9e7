namespace Ocado.Guardrails.Rules.Findings;

/// <summary>How many evaluations of a family's rules ended in each verdict.</summary>
public sealed class FamilySummary
{
    public int Pass { get; set; }
    public int Fail { get; set; }
    public int Error { get; set; }
    public int Skip { get; set; }
    public int NotAssessed { get; set; }
    public int Suppressed { get; set; }

    public void Add(Verdict verdict)
    {
        switch (verdict)
        {
            case Verdict.Pass: Pass++; break;
            case Verdict.Fail: Fail++; break;
            case Verdict.Error: Error++; break;
            case Verdict.Skip: Skip++; break;
            case Verdict.NotAssessed: NotAssessed++; break;
            case Verdict.Suppressed: Suppressed++; break;
        }
    }

    /// <summary>A waiver turned one <paramref name="was"/> verdict into Suppressed: the counts follow the list of findings.</summary>
    public void Suppress(Verdict was)
    {
        switch (was)
        {
            case Verdict.Fail: Fail--; break;
            case Verdict.Error: Error--; break;
            default: throw new ArgumentOutOfRangeException(nameof(was), was, "only a Fail or an Error is waived");
        }
        Suppressed++;
    }

    public void Add(FamilySummary other)
    {
        Pass += other.Pass;
        Fail += other.Fail;
        Error += other.Error;
        Skip += other.Skip;
        NotAssessed += other.NotAssessed;
        Suppressed += other.Suppressed;
    }
}
