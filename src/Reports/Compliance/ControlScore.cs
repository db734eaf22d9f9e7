namespace Ocado.Guardrails.Reports.Compliance;

/// <summary>
/// How one control of a framework stands: the rules that judge it, and per scope (the whole report,
/// each customer) how many resources pass, fail or could not be assessed. A control no rule cites
/// has no rules and is shown as not covered, never as passing.
/// </summary>
internal sealed class ControlScore(FrameworkControl control, int position)
{
    public FrameworkControl Control { get; } = control;

    /// <summary>Where the framework lists it, so that sorting by control puts 1.2 before 1.10.</summary>
    public int Position { get; } = position;

    public List<string> Rules { get; } = [];

    public bool Covered => Rules.Count > 0;

    public ResourceTally Total { get; } = new();

    /// <summary>Per customer index of the report's customer table; -1 is the platform and unknown accounts.</summary>
    public SortedDictionary<int, ResourceTally> ByCustomer { get; } = [];
}

/// <summary>
/// Resources judged by a control's rules. A resource passes when every finding of those rules on it
/// is a pass; a fail, error or waived (suppressed) finding makes it failing; not assessed ones are
/// counted apart and left out of the rate, since nothing is known of them.
/// </summary>
internal sealed class ResourceTally
{
    public int Passing { get; set; }
    public int Failing { get; set; }
    public int NotAssessed { get; set; }

    public int Assessed => Passing + Failing;

    /// <summary>Percent passing, rounded down so that 99.6% never reads as 100%; null when nothing was assessed.</summary>
    public int? PassPercent => Assessed == 0 ? null : (int)(100L * Passing / Assessed);
}
