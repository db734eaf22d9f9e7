namespace Ocado.Guardrails.Rules.Engine;

/// <summary>The compiled rules of one catalog version.</summary>
public sealed class RuleCatalog
{
    internal RuleCatalog(IReadOnlyList<Rule> rules, string hash)
    {
        Rules = rules;
        Hash = hash;
    }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The content hash of the rule texts and the rule API.</summary>
    public string Hash { get; }

    public Rule? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);
}
