using System.Collections.Frozen;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Pipeline;

/// <summary>
/// <c>--status</c>, for <c>scan</c> and <c>check</c> alike: the verdicts the written findings keep. Only what is
/// written is filtered: the exit code (<see cref="FailOn"/>), a baseline, the history and the counts of the
/// summary are all judged on every finding, so that a filter can never turn a failing run into a passing one.
/// </summary>
internal sealed class StatusFilter
{
    /// <summary>Every verdict: what is written when no --status is given.</summary>
    public static StatusFilter All { get; } = new(null);

    /// <summary>The names the command line takes, one per <see cref="Verdict"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<Verdict>().Select(Name)];

    private readonly FrozenSet<Verdict>? _kept;

    private StatusFilter(FrozenSet<Verdict>? kept) => _kept = kept;

    /// <summary>True when no --status was given.</summary>
    public bool IsAll => _kept is null;

    /// <summary>Pass is asked for: the scan must keep its passes (as --include-passes does) for them to be written.</summary>
    public bool KeepsPasses => _kept?.Contains(Verdict.Pass) == true;

    /// <summary>The command line's name of a verdict: lower case, NotAssessed as not-assessed.</summary>
    public static string Name(Verdict verdict) => verdict == Verdict.NotAssessed ? "not-assessed" : verdict.ToString().ToLowerInvariant();

    public bool Keeps(Verdict verdict) => _kept?.Contains(verdict) ?? true;

    /// <summary>
    /// The filter of the words given (each may be a comma-separated list), or false with the words that name no
    /// verdict. findings.json's own spelling (notAssessed) is taken too, so that a value can be copied from it.
    /// </summary>
    public static bool TryParse(IEnumerable<string> words, out StatusFilter filter, out IReadOnlyList<string> unknown)
    {
        var names = CommaList.Split(words);
        var kept = new HashSet<Verdict>();
        var wrong = new List<string>();
        foreach (var name in names)
        {
            var verdict = Enum.GetValues<Verdict>().Cast<Verdict?>()
                .FirstOrDefault(v => string.Equals(Name(v!.Value), name, StringComparison.OrdinalIgnoreCase) || string.Equals(v.ToString(), name, StringComparison.OrdinalIgnoreCase));
            if (verdict is { } found)
            {
                kept.Add(found);
            }
            else
            {
                wrong.Add(name);
            }
        }
        filter = names.Count == 0 || wrong.Count > 0 ? All : new StatusFilter(kept.ToFrozenSet());
        unknown = wrong;
        return wrong.Count == 0;
    }

    /// <summary>The scan with the kept findings only (and, for a check, the resources not assessed only when not-assessed is kept).</summary>
    public ScanResult Apply(ScanResult result) => IsAll
        ? result
        : result with
        {
            Findings = [.. result.Findings.Where(f => Keeps(f.Verdict))],
            NotAssessed = Keeps(Verdict.NotAssessed) ? result.NotAssessed : [],
        };
}
