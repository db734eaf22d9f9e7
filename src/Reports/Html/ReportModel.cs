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
    public StringTable Messages { get; } = new();

    /// <summary>The display name of each entry of <see cref="Customers"/>.</summary>
    public List<string> CustomerNames { get; } = [];

    /// <summary>What each entry of <see cref="Accounts"/> belongs to: a customer's name, "platform" or "not in the estate".</summary>
    public List<string> AccountOwners { get; } = [];

    /// <summary>One per entry of <see cref="Rules"/>, in the same order.</summary>
    public List<RuleSummary> RuleSummaries { get; } = [];

    /// <summary>
    /// The findings as rows of <see cref="FindingsDataWriter.Columns"/> indexes, row after row;
    /// customer is -1 for findings of platform and unknown accounts.
    /// </summary>
    public int[] Cells { get; set; } = [];

    /// <summary>The findings data the page script reads; see <see cref="FindingsDataWriter"/>.</summary>
    public string DataJson { get; set; } = "{}";

    public VerdictCounts Totals { get; } = new();
    public Dictionary<Severity, VerdictCounts> BySeverity { get; } = Enum.GetValues<Severity>().ToDictionary(s => s, _ => new VerdictCounts());
    public List<CountRow> ByCustomer { get; } = [];
    public List<CountRow> ByAccount { get; } = [];

    /// <summary>Whether any finding belongs to no customer (a platform or unknown account).</summary>
    public bool HasFindingsWithoutCustomer { get; set; }

    /// <summary>The verdicts a table of findings shows: those a scan keeps, and Pass or Skip only when there are some.</summary>
    public IReadOnlyList<Verdict> FindingVerdicts { get; set; } = [];
}
