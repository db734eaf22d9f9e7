using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>The compiled rules of one catalog version, or the part of it that a selection runs.</summary>
public sealed class RuleCatalog
{
    internal RuleCatalog(IReadOnlyList<Rule> rules, string hash, IReadOnlyList<RuleOff>? off = null)
    {
        Rules = rules;
        Hash = hash;
        Off = off ?? [];
    }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The content hash of the rule texts and the rule API (and of the selection, for a selected catalog).</summary>
    public string Hash { get; }

    /// <summary>The rules that a selection (<see cref="RuleSelection"/>) turned off, each with why; empty for a whole catalog.</summary>
    public IReadOnlyList<RuleOff> Off { get; }

    public Rule? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);
}
