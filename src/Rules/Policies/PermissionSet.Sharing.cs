namespace Ocado.Guardrails.Rules.Policies;

// What lets principals share a permission set: its key, and the answers it keeps for all of them.
public sealed partial class PermissionSet
{
    /// <summary>
    /// What decides every answer of the set, as text: its policies' statements under their names, the boundary and
    /// its note, what was not found, and the SCPs. Two principals with the same key are answered alike (the set never
    /// knows whose it is), so they may share one set and every answer it has worked out.
    /// </summary>
    internal string SharingKey => _sharingKey ??= Text(WriteSharingKey());

    private string? _sharingKey;

    // The key is as long as every statement's JSON and is written for each principal: one builder per thread, so
    // that the key itself is all it allocates, and only for a set that is kept.
    [ThreadStatic] private static System.Text.StringBuilder? _keyBuilder;

    /// <summary>
    /// The set of <paramref name="sets"/> (keyed by <see cref="SharingKey"/>) that has this set's key, else this set,
    /// added: most principals of an account hold a set an earlier one holds, and for those the key is looked up
    /// from the builder, never made as a string.
    /// </summary>
    internal PermissionSet SharedIn(System.Collections.Concurrent.ConcurrentDictionary<string, PermissionSet> sets)
    {
        if (_sharingKey is null)
        {
            var key = WriteSharingKey();
            // A builder of one chunk (the usual case once it has grown) is one span; a longer one is made into the string.
            var chunks = 0;
            ReadOnlySpan<char> text = default;
            foreach (var chunk in key.GetChunks())
            {
                text = chunk.Span;
                chunks++;
            }
            if (chunks == 1 && sets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var shared))
            {
                return shared;
            }
            _sharingKey = Text(key);
        }
        return sets.GetOrAdd(_sharingKey, this);
    }

    /// <summary>
    /// Each statement as "Label\u001eJSON", joined by \u001f; then \u001d and the boundary's statements alike; \u001d the
    /// boundary note; \u001d what was not found, joined by \u001f; \u001d the SCPs' key. Written into this thread's builder.
    /// </summary>
    private System.Text.StringBuilder WriteSharingKey()
    {
        var key = _keyBuilder ??= new System.Text.StringBuilder();
        key.Clear();
        AppendStatements(key, Policies.SelectMany(p => p.Statements));
        key.Append('\u001d');
        AppendStatements(key, BoundaryPolicy?.Statements ?? []);
        key.Append('\u001d').Append(BoundaryNote).Append('\u001d').AppendJoin('\u001f', Unresolved).Append('\u001d').Append(ServiceControl?.SharingKey);
        return key;
    }

    private static string Text(System.Text.StringBuilder key)
    {
        var text = key.ToString();
        if (key.Capacity > 1 << 20)
        {
            // A principal with megabytes of policies: its builder is not kept for the next.
            _keyBuilder = null;
        }
        return text;
    }

    private static void AppendStatements(System.Text.StringBuilder key, IEnumerable<PolicyStatement> statements)
    {
        var first = true;
        foreach (var statement in statements)
        {
            if (!first)
            {
                key.Append('\u001f');
            }
            first = false;
            // PolicyStatement.Label, written into the key rather than made as a string of its own.
            if (string.IsNullOrEmpty(statement.Sid))
            {
                key.Append("statement #").Append(statement.Index + 1);
            }
            else
            {
                key.Append("statement '").Append(statement.Sid).Append('\'');
            }
            if (statement.PolicyName is not null)
            {
                key.Append(" of ").Append(statement.PolicyName);
            }
            key.Append('\u001e').Append(statement.Json);
        }
    }

    // Answers worked out from the set alone and a key (the escalation methods it completes in an account, ...).
    private System.Collections.Concurrent.ConcurrentDictionary<object, object>? _remembered;

    /// <summary>
    /// An answer that follows from this set and <paramref name="key"/> alone, worked out once: principals sharing the
    /// set (most of an account's) share the answer. <paramref name="work"/> must read nothing but its arguments, and
    /// the key must hold every other input (an inventory by reference, say); the answer is shared, so never changed.
    /// </summary>
    internal T Remember<TKey, T>(TKey key, Func<PermissionSet, TKey, T> work) where TKey : notnull where T : class =>
        // Built outside the asking evaluation's budget (SharedData): the first principal of a set works it out for all.
        (T)Engine.SharedData.GetOrAdd(Made(ref _remembered), key, static (key, state) => state.Work(state.Set, (TKey)key), (Set: this, Work: work));
}
