namespace Ocado.Guardrails.Rules.Findings;

/// <summary>
/// What a scan counted while it evaluated, whatever findings it kept: per account, each rule's
/// evaluations by verdict and each cited control's resources (passing, failing, not assessed).
/// Counts, not findings: a million passing resources add no object, so pass rates and compliance
/// scores are known without <c>--include-passes</c>. A customer's share is its accounts' entries.
/// </summary>
public sealed class ScanCounts
{
    /// <summary>By account id (ordinal).</summary>
    public Dictionary<string, AccountCounts> Accounts { get; init; } = new(StringComparer.Ordinal);

    public AccountCounts For(string accountId)
    {
        if (!Accounts.TryGetValue(accountId, out var counts))
        {
            Accounts[accountId] = counts = new AccountCounts();
        }
        return counts;
    }

    public void Add(ScanCounts other)
    {
        foreach (var (account, counts) in other.Accounts)
        {
            For(account).Add(counts);
        }
    }

    /// <summary>A waiver turned a Fail of <paramref name="ruleId"/> in the account into Suppressed: the counts follow the findings.</summary>
    public void Suppress(string accountId, string ruleId, Verdict was)
    {
        if (Accounts.TryGetValue(accountId, out var account) && account.Rules.TryGetValue(ruleId, out var rule))
        {
            rule.Suppress(was);
        }
    }

    /// <summary>The counts of the given accounts alone (a customer's report).</summary>
    public ScanCounts Only(IEnumerable<string> accountIds)
    {
        var only = new ScanCounts();
        foreach (var account in accountIds)
        {
            if (Accounts.TryGetValue(account, out var counts))
            {
                only.For(account).Add(counts);
            }
        }
        return only;
    }
}

/// <summary>One account's counts: see <see cref="ScanCounts"/>.</summary>
public sealed class AccountCounts
{
    /// <summary>By rule id: the evaluations of the rule on the account's resources, by verdict, waivers applied.</summary>
    public Dictionary<string, FamilySummary> Rules { get; init; } = new(StringComparer.Ordinal);

    /// <summary>By control as the rules cite it (<c>CIS AWS Foundations 1.16</c>): the account's resources its rules judged.</summary>
    public Dictionary<string, ControlCounts> Controls { get; init; } = new(StringComparer.Ordinal);

    public FamilySummary Rule(string ruleId)
    {
        if (!Rules.TryGetValue(ruleId, out var counts))
        {
            Rules[ruleId] = counts = new FamilySummary();
        }
        return counts;
    }

    public ControlCounts Control(string control)
    {
        if (!Controls.TryGetValue(control, out var counts))
        {
            Controls[control] = counts = new ControlCounts();
        }
        return counts;
    }

    public void Add(AccountCounts other)
    {
        foreach (var (rule, counts) in other.Rules)
        {
            Rule(rule).Add(counts);
        }
        foreach (var (control, counts) in other.Controls)
        {
            Control(control).Add(counts);
        }
    }
}

/// <summary>
/// Resources a control's rules judged: one passes when every rule of the control that applies to it
/// passed it; a fail, error or waived fail makes it failing; not assessed ones are counted apart.
/// </summary>
public sealed class ControlCounts
{
    public int Passing { get; set; }
    public int Failing { get; set; }
    public int NotAssessed { get; set; }

    public void Add(ControlCounts other)
    {
        Passing += other.Passing;
        Failing += other.Failing;
        NotAssessed += other.NotAssessed;
    }
}
