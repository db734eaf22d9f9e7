using System.Runtime.CompilerServices;
using Ocado.Guardrails.Rules.Estates;
using Ocado.Guardrails.Rules.Network;
using Ocado.Guardrails.Rules.Organizations;
using Ocado.Guardrails.Rules.Graph;
using Ocado.Guardrails.Rules.Resources;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// What a rule script sees. The body of a <c>.csx</c> rule becomes the body of
/// <see cref="Evaluate"/> in a class derived from this one, so these members are the script's globals.
/// </summary>
public abstract class RuleScript
{
    private RuleContext? _context;
    private Resource? _resource;
    private RuleGuard.Budget? _guard;

    /// <summary>
    /// The evaluating thread's budget, for the guards the engine inserts (<see cref="GuardInserter"/>) where the code can
    /// name the script: a script is made and run on one thread. Rules cannot name it (<see cref="RuleApiSurface"/>).
    /// </summary>
    protected RuleGuard.Budget? GuardBudget => _guard;

    /// <summary>The name <see cref="GuardInserter"/> writes and <see cref="RuleApiSurface"/> refuses in a rule's own text.</summary>
    internal const string GuardBudgetName = nameof(GuardBudget);

    /// <summary>The resource being judged.</summary>
    protected Resource Resource => _resource!;

    /// <summary>Which customer owns which account; the platform accounts.</summary>
    protected Estate Estate => _context!.Estate;

    /// <summary>
    /// The AWS organisation (roots, OUs, SCPs and RCPs) when the scan read it; else why not, for a Fail
    /// message to say that it was judged without SCPs and RCPs.
    /// </summary>
    protected OrganizationView Organization => _context!.Organization;

    /// <summary>
    /// The estate's network across accounts and regions: its route graph (paths between VPCs, hop by hop) and what
    /// could not be read, where a rule says NotAssessed rather than Pass.
    /// </summary>
    protected NetworkView Network => _context!.Network;

    /// <summary>The other resources of the scan, by ARN or type.</summary>
    protected Inventory Inventory => _context!.Inventory;

    /// <summary>
    /// Who can become whom across the whole estate (every account's users and roles, not only this
    /// account's): chains of role assumption, role passing and credential takeover, each hop with the
    /// statement that grants it. <see cref="PrincipalGraph.IsBuilt"/> is false where the scan built none.
    /// </summary>
    protected PrincipalGraph Graph => _context!.Graph;

    /// <summary>This rule's parameters from guardrails.yaml.</summary>
    protected RuleParams Params => _context!.Params;

    /// <summary>The scan's clock: key ages and expiry dates are measured against it, never against the machine's.</summary>
    protected DateTimeOffset Now => _context!.Now;

    /// <summary>The resource complies. The message says why, naming the resource.</summary>
    protected static RuleResult Pass(string message) => new(Verdict.Pass, message);

    /// <summary>The resource complies; an interpolated message is formatted only when the scan keeps it.</summary>
    protected RuleResult Pass([InterpolatedStringHandlerArgument("")] RuleMessage message) => new(Verdict.Pass, message.Text());

    /// <summary>The resource does not comply. The message names the resource, the fault and the fix.</summary>
    protected static RuleResult Fail(string message) => new(Verdict.Fail, message);

    /// <summary>
    /// The resource does not comply, and this is what the verdict rests on: the policy statement at fault
    /// (<see cref="Evidence.Of"/>), the tags compared (<see cref="Evidence.Tags"/>) or the values compared
    /// (<see cref="Evidence.Value(string, double)"/>). Findings and reports carry it beside the message.
    /// </summary>
    protected static RuleResult Fail(string message, Evidence evidence) => new(Verdict.Fail, message) { Evidence = evidence is null || evidence.IsEmpty ? null : evidence };

    /// <summary>The rule does not apply to this resource.</summary>
    protected static RuleResult Skip(string message) => new(Verdict.Skip, message);

    /// <summary>The rule does not apply; an interpolated message is formatted only when the scan keeps it.</summary>
    protected RuleResult Skip([InterpolatedStringHandlerArgument("")] RuleMessage message) => new(Verdict.Skip, message.Text());

    /// <summary>Whether this evaluation keeps Pass and Skip messages (rule tests and --include-passes do).</summary>
    internal bool KeepsMessages => _context!.KeepsMessages;

    /// <summary>
    /// The rule applies, but the data it needs was not collected (a quota whose counted resources are
    /// missing): reported as not covered, never as a pass. The message says what is missing.
    /// </summary>
    protected static RuleResult NotAssessed(string message) => new(Verdict.NotAssessed, message);

    /// <summary>The rule body, written by the rule author.</summary>
    protected abstract RuleResult Evaluate();

    internal RuleResult Run(RuleContext context, Resource resource, RuleGuard.Budget budget)
    {
        _context = context;
        _resource = resource;
        _guard = budget;
        try
        {
            return Evaluate();
        }
        finally
        {
            // A script outlives its evaluation (one per rule per thread): it must not keep the context (the principal
            // graph, the account's index) or the resource alive after it.
            _context = null;
            _resource = null;
        }
    }
}
