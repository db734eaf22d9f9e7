using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Ocado.Guardrails.Rules.Engine;

/// <summary>
/// The caches of data evaluations share (per account, per inventory, per managed policy), read as before, built inside
/// <see cref="RuleGuard.Sharing"/>: the evaluation that happens to ask first is not charged for the build. A value
/// already there is found without entering the build's accounting.
/// </summary>
internal static class SharedData
{
    public static TValue GetOrAdd<TKey, TValue, TArg>(ConcurrentDictionary<TKey, TValue> cache, TKey key, Func<TKey, TArg, TValue> build, TArg argument)
        where TKey : notnull
    {
        if (cache.TryGetValue(key, out var value))
        {
            return value;
        }
        using var sharing = RuleGuard.Sharing();
        return cache.GetOrAdd(key, build, argument);
    }

    public static TValue GetValue<TKey, TValue>(ConditionalWeakTable<TKey, TValue> table, TKey key, ConditionalWeakTable<TKey, TValue>.CreateValueCallback build)
        where TKey : class
        where TValue : class?
    {
        if (table.TryGetValue(key, out var value))
        {
            return value;
        }
        using var sharing = RuleGuard.Sharing();
        return table.GetValue(key, build);
    }
}
