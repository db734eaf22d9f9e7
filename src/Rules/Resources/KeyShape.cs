using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Ocado.Guardrails.Rules.Resources;

/// <summary>
/// The keys of a <see cref="FewKeys{TValue}"/>, shared by every one with the same keys in the same order: the keys in the
/// order a <see cref="FrozenDictionary{TKey,TValue}"/> of them enumerates them (read off one made here, once), where each
/// key given in order goes, and how a key is found (compared one by one when few, by that frozen dictionary when many).
/// </summary>
internal sealed class KeyShape
{
    /// <summary>Up to this many keys are compared one by one; more are looked up.</summary>
    private const int Scanned = 8;

    private readonly int[] _slots;
    private readonly bool _ignoreCase;
    private readonly FrozenDictionary<string, int>? _lookup;

    /// <param name="keys">The keys as they were added (distinct under <paramref name="comparer"/>).</param>
    public KeyShape(string[] keys, StringComparer comparer)
    {
        var added = new Dictionary<string, int>(keys.Length, comparer);
        for (var i = 0; i < keys.Length; i++)
        {
            added.Add(keys[i], i);
        }
        var frozen = added.ToFrozenDictionary(comparer);
        KeyArray = new string[keys.Length];
        _slots = new int[keys.Length];
        var at = 0;
        foreach (var (key, index) in frozen)
        {
            KeyArray[at] = key;
            _slots[index] = at++;
        }
        _ignoreCase = ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase);
        Keys = ImmutableCollectionsMarshal.AsImmutableArray(KeyArray);
        if (keys.Length > Scanned)
        {
            _lookup = frozen;
        }
    }

    /// <summary>The keys in the frozen order: never handed out but as <see cref="Keys"/>, which cannot be cast back to an array.</summary>
    internal string[] KeyArray { get; }

    /// <summary>The keys, read-only (made once: a boxed <see cref="ImmutableArray{T}"/>).</summary>
    public IEnumerable<string> Keys { get; }

    /// <summary>Whether keys are compared in any case (<see cref="StringComparer.OrdinalIgnoreCase"/>), else exactly.</summary>
    public bool IgnoresCase => _ignoreCase;

    /// <summary>Where the <paramref name="added"/>th key given goes in the frozen order.</summary>
    public int Slot(int added) => _slots[added];

    /// <summary>Where <paramref name="key"/> is in the frozen order; −1 when absent.</summary>
    public int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_lookup is not null)
        {
            return _lookup.TryGetValue(key, out var added) ? _slots[added] : -1;
        }
        var keys = KeyArray;
        for (var i = 0; i < keys.Length; i++)
        {
            if (_ignoreCase ? string.Equals(keys[i], key, StringComparison.OrdinalIgnoreCase) : string.Equals(keys[i], key))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Whether these are exactly <paramref name="keys"/>, in that order (each compared as text, not under the comparer).</summary>
    public bool Is<TValue>(Dictionary<string, TValue>.KeyCollection keys, StringComparer comparer)
    {
        if (keys.Count != KeyArray.Length || _ignoreCase != ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }
        var added = 0;
        foreach (var key in keys)
        {
            if (!string.Equals(KeyArray[_slots[added++]], key))
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>
/// The shapes a thread made lately, found by their keys: a million items carry the same few sets of tag keys and
/// supplementary names. Bounded: a shape whose place a later one takes is made again when next needed.
/// </summary>
internal sealed class KeyShapes
{
    private readonly KeyShape?[] _recent = new KeyShape?[1024];

    public KeyShape Of<TValue>(Dictionary<string, TValue>.KeyCollection keys, StringComparer comparer)
    {
        var hash = keys.Count;
        foreach (var key in keys)
        {
            hash = HashCode.Combine(hash, key.GetHashCode());
        }
        ref var place = ref _recent[hash & (_recent.Length - 1)];
        if (place is { } shape && shape.Is(keys, comparer))
        {
            return shape;
        }
        return place = new KeyShape([.. keys], comparer);
    }
}
