using Ocado.Guardrails.Reports.Compliance;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// Everything the report page shows, computed once: the string tables the findings data indexes
/// into, and the overview's counts. Built by <see cref="ReportModelBuilder"/>.
/// </summary>
internal sealed class ReportModel
{
    public required string Title { get; init; }
    public required ScanResult Result { get; init; }

    public StringTable Rules { get; } = new();
    public StringTable Families { get; } = new();
    public StringTable Accounts { get; } = new();
    public StringTable Regions { get; } = new();
    public StringTable Types { get; } = new();
    public StringTable Customers { get; } = new();
    public StringTable Arns { get; } = new();
    public MessageTable Messages { get; } = new();

    /// <summary>The display name of each entry of <see cref="Customers"/>.</summary>
    public List<string> CustomerNames { get; } = [];

    /// <summary>What each entry of <see cref="Accounts"/> belongs to: a customer's name, "platform" or "not in the estate".</summary>
    public List<string> AccountOwners { get; } = [];

    /// <summary>One per entry of <see cref="Rules"/>, in the same order.</summary>
    public List<RuleSummary> RuleSummaries { get; } = [];

    /// <summary>
    /// What each cell of a row of <see cref="Cells"/> holds: <see cref="FindingsDataWriter.BaseColumns"/>,
    /// then status and first-seen when the scan has history, then evidence when any finding has some.
    /// </summary>
    public List<string> Columns { get; } = [];

    /// <summary>
    /// The findings as rows of <see cref="Columns"/> indexes, row after row; customer is -1 for
    /// findings of platform and unknown accounts, and an optional cell is -1 when the finding has no value.
    /// </summary>
    public int[] Cells { get; set; } = [];

    /// <summary>Tags, first-seen dates and evidence, which only the resource panel shows.</summary>
    public ResourceDetails Details { get; } = new();

    /// <summary>Whether findings carry a history status (the scan was recorded in a findings store).</summary>
    public bool HasStatus { get; set; }

    /// <summary>How many findings have each status, by <see cref="FindingStatus"/> value.</summary>
    public int[] StatusCounts { get; } = new int[Enum.GetValues<FindingStatus>().Length];

    /// <summary>The findings data the page script reads; see <see cref="FindingsDataWriter"/>.</summary>
    public string Data { get; set; } = "";

    public VerdictCounts Totals { get; } = new();
    public Dictionary<Severity, VerdictCounts> BySeverity { get; } = Enum.GetValues<Severity>().ToDictionary(s => s, _ => new VerdictCounts());
    public List<CountRow> ByCustomer { get; } = [];
    public List<CountRow> ByAccount { get; } = [];

    /// <summary>Whether any finding belongs to no customer (a platform or unknown account).</summary>
    public bool HasFindingsWithoutCustomer { get; set; }

    /// <summary>The findings of platform and unknown accounts, a line of "By customer" (filter value -1).</summary>
    public CountRow NoCustomer { get; } = new("Platform and unknown accounts", "", "customer", -1, new VerdictCounts());

    /// <summary>The customers' lines, then the platform's when it has findings: worst first, as the posture table shows them.</summary>
    public IEnumerable<CountRow> CustomersWithPlatform => HasFindingsWithoutCustomer ? [.. ByCustomer, NoCustomer] : ByCustomer;

    /// <summary>Findings per family index, for the chart of findings by family.</summary>
    public SortedDictionary<int, VerdictCounts> ByFamily { get; } = [];

    /// <summary>Distinct resources with a finding other than a pass.</summary>
    public int ResourcesWithFindings { get; set; }

    /// <summary>Whether pass rates can be known: the scan counted its evaluations (<see cref="ScanResult.Counts"/>), or kept its passes (--include-passes).</summary>
    public bool PassesRecorded => Result.Counts is not null || Totals[Verdict.Pass] > 0;

    /// <summary>Each framework's controls, scored; see <see cref="ComplianceBuilder"/>.</summary>
    public IReadOnlyList<FrameworkScore> Frameworks { get; set; } = [];

    /// <summary>The waivers the scan shows: in force (from its suppressed findings), expired and stale.</summary>
    public WaiverSummary Waivers { get; set; } = default!;

    /// <summary>The verdicts a table of findings shows: those a scan keeps, and Pass or Skip only when there are some.</summary>
    public IReadOnlyList<Verdict> FindingVerdicts { get; set; } = [];
}
