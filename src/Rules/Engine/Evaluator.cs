using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Graph;
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

    /// <summary>
    /// Bytes one rule may allocate on one resource: the largest catalog rule allocates a few hundred
    /// kilobytes on a policy-heavy role, and two evaluations at this size fit any scanning machine.
    /// </summary>
    public const long DefaultAllocationBudget = 256L * 1024 * 1024;

    private readonly RuleCatalog _catalog;
    private readonly RuleContext[] _contexts;
    private readonly TimeSpan _budget;
    private readonly long _allocationBudget;

    // One script instance per rule per thread: evaluations on a thread never overlap, and allocating a
    // script per (rule, resource) made the garbage collector the bottleneck of large scans. The owner is held by its
    // number, not a reference: a pool thread's last evaluator kept its contexts, and with them the principal graph and
    // the last account's index (hundreds of MB at a million resources), alive under the history and the reports.
    // Held by the thread's guard budget (RuleGuard.Budget.Evaluating), which the evaluation reads anyway: one
    // thread-static read an evaluation, for the budget, the owner's number and its scripts.
    private static long _evaluators;
    private readonly long _number = Interlocked.Increment(ref _evaluators);

    private sealed class ThreadScripts(long owner, int count)
    {
        public readonly long Owner = owner;
        public readonly RuleScript?[] Scripts = new RuleScript?[count];
    }

    // The catalog's rules as an array: an evaluation finds its rule without an interface call.
    private readonly Rule[] _rules;

    /// <param name="paramsFor">The parameters set for a rule id (guardrails.yaml); the rule's declared defaults fill the rest.</param>
    /// <param name="keepsMessages">
    /// Whether Pass and Skip results carry their messages: rule tests and listings of passes need them;
    /// a scan that records only failures does not, and saves formatting them.
    /// </param>
    /// <param name="network">The estate's network as the scan read it; not collected when null.</param>
    /// <param name="organization">The AWS organisation as the scan read it; not configured when null.</param>
    public Evaluator(RuleCatalog catalog, Estate estate, Inventory inventory, Func<string, RuleParams> paramsFor, DateTimeOffset now, TimeSpan? budget = null, bool keepsMessages = true, long allocationBudget = DefaultAllocationBudget,
        OrganizationView? organization = null, NetworkView? network = null, PrincipalGraph? graph = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(allocationBudget);
        _catalog = catalog;
        _rules = [.. catalog.Rules];
        _budget = budget ?? DefaultBudget;
        _allocationBudget = allocationBudget;
        _contexts = catalog.Rules.Select(r => new RuleContext(estate, inventory, RuleParams.For(r.Header.Parameters, paramsFor, r.Id), now, keepsMessages)
        {
            Organization = organization ?? OrganizationView.NotConfigured,
            Graph = graph ?? PrincipalGraph.NotBuilt,
            Network = network ?? NetworkView.NotRead(RuleContext.NotCollected),
        }).ToArray();
    }

    public IReadOnlyList<Rule> Rules => _catalog.Rules;

    /// <summary>Runs one rule on one resource; never throws for the rule's faults.</summary>
    public RuleResult Evaluate(int ruleIndex, Resource resource)
    {
        var rule = _rules[ruleIndex];
        var budget = RuleGuard.Start(_budget, _allocationBudget);
        try
        {
            if (budget.Evaluating is not ThreadScripts scripts || scripts.Owner != _number)
            {
                budget.Evaluating = scripts = new ThreadScripts(_number, _rules.Length);
            }
            var script = scripts.Scripts[ruleIndex] ??= rule.CreateScript();
            var result = script.Run(_contexts[ruleIndex], resource, budget);
            if (RuleGuard.Exceeded(budget) is { } exceeded)
            {
                // The rule caught the guard's exception, or went over in code no guard runs in: still an Error.
                return new RuleResult(Verdict.Error, $"rule {rule.Id} failed on {resource.Arn}: {exceeded}");
            }
            return result.Verdict is Verdict.Pass or Verdict.Fail or Verdict.Skip or Verdict.NotAssessed
                ? result
                : new RuleResult(Verdict.Error, $"rule {rule.Id} returned {result.Verdict}, which only the engine may give");
        }
        catch (OutOfMemoryException)
        {
            // Raised by one allocation the rule asked for (new string('a', int.MaxValue)): the
            // allocation failed, the heap is intact, and the rest of the scan can go on.
            return new RuleResult(Verdict.Error, $"rule {rule.Id} failed on {resource.Arn}: it ran out of memory");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new RuleResult(Verdict.Error, $"rule {rule.Id} failed on {resource.Arn}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            RuleGuard.Stop(budget);
        }
    }
}
