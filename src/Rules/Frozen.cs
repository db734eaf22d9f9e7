using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Ocado.Guardrails.Rules;

/// <summary>
/// Immutable copies of what a rule can reach. A read-only interface over a mutable collection is no
/// protection: a rule cast <c>Resource.Tags</c> to <c>Dictionary</c> and silenced another rule, and
/// cast a customer's accounts to <c>List</c> and moved findings between customers. An
/// <see cref="ImmutableArray{T}"/> or a <see cref="FrozenDictionary{TKey,TValue}"/> has no mutable
/// type to be cast to. A collection that is already immutable is kept, not copied.
/// </summary>
internal static class Frozen
{
    public static IReadOnlyList<T> List<T>(IEnumerable<T>? items) => items switch
    {
        null => Empty<T>.List,
        ImmutableArray<T> => (IReadOnlyList<T>)items,
        ImmutableList<T> list => list,
        ICollection<T> { Count: 0 } => Empty<T>.List,
        _ => ImmutableArray.CreateRange(items),
    };

    public static IReadOnlyDictionary<string, TValue> Dictionary<TValue>(IReadOnlyDictionary<string, TValue>? items, IEqualityComparer<string> comparer) => items switch
    {
        null => FrozenDictionary<string, TValue>.Empty,
        FrozenDictionary<string, TValue> or ImmutableDictionary<string, TValue> or ImmutableSortedDictionary<string, TValue> => items,
        // Keep the comparer the caller chose (tags are case-sensitive, supplementary keys are not).
        Dictionary<string, TValue> dictionary => dictionary.ToFrozenDictionary(dictionary.Comparer),
        _ => items.ToFrozenDictionary(comparer),
    };

    private static class Empty<T>
    {
        public static readonly IReadOnlyList<T> List = ImmutableArray<T>.Empty;
    }
}
