namespace Ocado.Guardrails.Reports.Compliance;

/// <summary>A framework's controls, scored for one report.</summary>
internal sealed record FrameworkScore(Framework Framework, IReadOnlyList<ControlScore> Controls)
{
    public int CoveredCount => Controls.Count(c => c.Covered);

    /// <summary>Rules cite controls the data file does not list (a typo, or a newer control): named so they are not lost.</summary>
    public IReadOnlyList<string> UnlistedCitations { get; init; } = [];
}
