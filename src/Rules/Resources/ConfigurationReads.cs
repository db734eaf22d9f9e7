using System.Collections.Frozen;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// The resource types whose configuration the loaded rules may read: a streamed item of one of them has its
/// configuration parsed as it is read (a copy of the item's parsed rows), any other keeps it as its text, parsed only if
/// something reads it after all (<see cref="ConfigurationText"/>). A rule is a script: what it reads of its resources is
/// not known, so every type it judges counts as read, and a rule for every type (<c>*</c>) makes every type read. The
/// answer moves only what reading costs, never what is read: a configuration kept as text reads the same JSON.
/// </summary>
public sealed class ConfigurationReads
{
    /// <summary>The types read; null when every type is.</summary>
    private readonly FrozenSet<string>? _types;

    private ConfigurationReads(FrozenSet<string>? types) => _types = types;

    /// <summary>Every type's configuration parsed as it is read (a reader not told what its resources are for).</summary>
    public static ConfigurationReads All { get; } = new(null);

    /// <summary>No rule reads any configuration: each kept as its text (the benchmark's dump, which reads every one back from it).</summary>
    public static ConfigurationReads None { get; } = new(FrozenSet<string>.Empty);

    /// <summary>The types the rules judge, one list of types a rule (<c>*</c> for every type).</summary>
    public static ConfigurationReads Judged(IEnumerable<IReadOnlyList<string>> ruleTypes)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in ruleTypes)
        {
            foreach (var type in rule)
            {
                if (type == "*")
                {
                    return All;
                }
                types.Add(type);
            }
        }
        return new(types.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>Whether a rule may read the configuration of a resource of this type.</summary>
    public bool Reads(string type) => _types is null || _types.Contains(type);
}
