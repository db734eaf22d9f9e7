using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// A resource's tags or supplementary configuration: a few keys, read-only, in one small object and one array of
/// values, where a <see cref="FrozenDictionary{TKey,TValue}"/> made for each of a million items costs an analysis of
/// its keys and several arrays. The keys, their order and how they are found are shared by every dictionary with
/// the same keys (<see cref="KeyShape"/>): the order is the one <see cref="FrozenDictionary{TKey,TValue}"/> gives
/// those keys, taken from one made once for them, so that findings and reports list tags as they always have. Like
/// a frozen dictionary, it has no mutable type for a rule to cast it to (see <see cref="Frozen"/>).
/// </summary>
internal sealed class FewKeys<TValue> : IReadOnlyDictionary<string, TValue>
{
    private readonly KeyShape _shape;
    private readonly TValue[] _values;

    private FewKeys(KeyShape shape, TValue[] values)
    {
        _shape = shape;
        _values = values;
    }

    /// <summary>
    /// The entries of <paramref name="source"/> (whose comparer must be <see cref="StringComparer.Ordinal"/> or
    /// <see cref="StringComparer.OrdinalIgnoreCase"/>, as <paramref name="comparer"/> says), in the order
    /// <c>source.ToFrozenDictionary(comparer)</c> would enumerate them; <paramref name="shapes"/> keeps the thread's shapes.
    /// </summary>
    public static FewKeys<TValue> Of(Dictionary<string, TValue> source, StringComparer comparer, KeyShapes shapes)
    {
        var shape = shapes.Of(source.Keys, comparer);
        var values = new TValue[source.Count];
        var index = 0;
        foreach (var value in source.Values)
        {
            values[shape.Slot(index++)] = value;
        }
        return new FewKeys<TValue>(shape, values);
    }

    public int Count => _values.Length;

    /// <summary>Whether keys are found in any case (supplementary configuration) or exactly (tags).</summary>
    public bool IgnoresCase => _shape.IgnoresCase;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no entry '{key}'");

    public IEnumerable<string> Keys => _shape.Keys;

    // A copy: the values array is this dictionary's own, and a rule must not reach it.
    public IEnumerable<TValue> Values => ImmutableArray.Create(_values);

    public bool ContainsKey(string key) => _shape.IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var at = _shape.IndexOf(key);
        if (at < 0)
        {
            value = default;
            return false;
        }
        value = _values[at];
        return true;
    }

    /// <summary>The value of <paramref name="key"/>, or <paramref name="absent"/>: one call a rule's site can predict.</summary>
    public TValue? Find(string key, TValue? absent = default)
    {
        var at = _shape.IndexOf(key);
        return at < 0 ? absent : _values[at];
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        var keys = _shape.KeyArray;
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new KeyValuePair<string, TValue>(keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
