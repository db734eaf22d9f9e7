using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// One thread's counts while a <see cref="ScanEvaluator"/> runs: arrays indexed by rule and control,
/// per account, so that counting an evaluation is an increment and not a lookup by name.
/// <see cref="AddTo"/> turns them into <see cref="ScanCounts"/>.
/// </summary>
internal sealed class ScanCounter
{
    // A resource's standing for one control, worst wins: 0 is "no rule of the control judged it".
    private const byte Untouched = 0, Passing = 1, NotAssessed = 2, Failing = 3;

    private readonly IReadOnlyList<Rule> _rules;
    private readonly string[] _controls;
    private readonly int[][] _controlsOfRule;
    private readonly Dictionary<string, (FamilySummary?[] Rules, ControlCounts?[] Controls)> _accounts = new(StringComparer.Ordinal);
    private readonly byte[] _states;
    private readonly List<int> _touched = [];
    private (FamilySummary?[] Rules, ControlCounts?[] Controls) _account;

    public ScanCounter(IReadOnlyList<Rule> rules)
    {
        _rules = rules;
        var controls = new Dictionary<string, int>(StringComparer.Ordinal);
        _controlsOfRule = new int[rules.Count][];
        for (var i = 0; i < rules.Count; i++)
        {
            // "n/a (no CIS control covers this)" is a note about the rule, not a control.
            _controlsOfRule[i] = [.. rules[i].Header.Controls
                .Where(c => !c.StartsWith("n/a", StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .Select(c => controls.TryGetValue(c, out var index) ? index : controls[c] = controls.Count)];
        }
        _controls = new string[controls.Count];
        foreach (var (control, index) in controls)
        {
            _controls[index] = control;
        }
        _states = new byte[_controls.Length];
    }

    /// <summary>Starts counting one resource of the account; its controls are counted at <see cref="EndResource"/>.</summary>
    public void BeginResource(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out _account))
        {
            _accounts[accountId] = _account = (new FamilySummary?[_rules.Count], new ControlCounts?[_controls.Length]);
        }
    }

    public void Add(int rule, Verdict verdict)
    {
        (_account.Rules[rule] ??= new FamilySummary()).Add(verdict);
        if (verdict == Verdict.Skip)
        {
            return;
        }
        var state = verdict switch { Verdict.Pass => Passing, Verdict.NotAssessed => NotAssessed, _ => Failing };
        foreach (var control in _controlsOfRule[rule])
        {
            if (_states[control] == Untouched)
            {
                _touched.Add(control);
            }
            _states[control] = Math.Max(_states[control], state);
        }
    }

    public void EndResource()
    {
        foreach (var control in _touched)
        {
            Count(_account.Controls[control] ??= new ControlCounts(), _states[control]);
            _states[control] = Untouched;
        }
        _touched.Clear();
    }

    public void AddTo(ScanCounts counts)
    {
        foreach (var (accountId, (rules, controls)) in _accounts)
        {
            var account = counts.For(accountId);
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i] is { } rule)
                {
                    account.Rule(_rules[i].Id).Add(rule);
                }
            }
            for (var i = 0; i < controls.Length; i++)
            {
                if (controls[i] is { } control)
                {
                    account.Control(_controls[i]).Add(control);
                }
            }
        }
    }

    private static void Count(ControlCounts counts, byte state)
    {
        switch (state)
        {
            case Passing: counts.Passing++; break;
            case NotAssessed: counts.NotAssessed++; break;
            default: counts.Failing++; break;
        }
    }
}
