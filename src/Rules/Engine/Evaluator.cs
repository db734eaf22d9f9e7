using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// Runs rules on resources. Failures are isolated per (rule, resource): a rule that throws or runs
/// past its budget gives Error for that pair only, and every other evaluation goes on.
/// </summary>
public sealed class Evaluator
{
    /// <summary>Generous for one rule on one resource (evaluations take microseconds), short enough that an endless loop costs little.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(2);

    private readonly RuleCatalog _catalog;
    private readonly RuleContext[] _contexts;
    private readonly TimeSpan _budget;

    // One script instance per rule per thread: evaluations on a thread never overlap, and allocating a
    // script per (rule, resource) made the garbage collector the bottleneck of large scans.
    [ThreadStatic] private static Evaluator? _scriptsOwner;
    [ThreadStatic] private static RuleScript?[]? _scripts;

    /// <param name="keepsMessages">
    /// Whether Pass and Skip results carry their messages: rule tests and listings of passes need them;
    /// a scan that records only failures does not, and saves formatting them.
    /// </param>
    public Evaluator(RuleCatalog catalog, Estate estate, Inventory inventory, Func<string, RuleParams> paramsFor, DateTimeOffset now, TimeSpan? budget = null, bool keepsMessages = true)
    {
        _catalog = catalog;
        _budget = budget ?? DefaultBudget;
        _contexts = catalog.Rules.Select(r => new RuleContext(estate, inventory, paramsFor(r.Id), now, keepsMessages)).ToArray();
    }

    public IReadOnlyList<Rule> Rules => _catalog.Rules;

    /// <summary>Runs one rule on one resource; never throws for the rule's faults.</summary>
    public RuleResult Evaluate(int ruleIndex, Resource resource)
    {
        var rule = _catalog.Rules[ruleIndex];
        RuleGuard.Start(_budget);
        try
        {
            if (_scriptsOwner != this || _scripts is null)
            {
                _scriptsOwner = this;
                _scripts = new RuleScript?[_catalog.Rules.Count];
            }
            var script = _scripts[ruleIndex] ??= rule.CreateScript();
            var result = script.Run(_contexts[ruleIndex], resource);
            return result.Verdict is Verdict.Pass or Verdict.Fail or Verdict.Skip or Verdict.NotAssessed
                ? result
                : new RuleResult(Verdict.Error, $"rule {rule.Id} returned {result.Verdict}, which only the engine may give");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return new RuleResult(Verdict.Error, $"rule {rule.Id} failed on {resource.Arn}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            RuleGuard.Stop();
        }
    }
}
