using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// What only the resource panel shows: each resource's tags, each finding's first-seen date and the
/// evidence (the policy statement at fault). Kept apart from the table's columns, and shared between
/// findings, so that a large report pays for them once per distinct value.
/// </summary>
internal sealed class ResourceDetails
{
    private readonly Dictionary<string, int> _tagSetIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _statementOfMessage = new(StringComparer.Ordinal);

    // Evidence already laid out whose text is a whole template of Evidence (the table holds that string): findings that
    // share an evidence text (at a million resources, 106,000 of 191,000) are not parsed and indented again.
    private readonly Dictionary<string, string> _readableEvidence = new(StringComparer.Ordinal);

    /// <summary>
    /// Distinct tag sets, each as key, value, key, value… (indexes into <see cref="TagKeys"/> and
    /// <see cref="TagValues"/>), sorted by key.
    /// </summary>
    public List<int[]> TagSets { get; } = [];

    public StringTable TagKeys { get; } = new();

    /// <summary>Tag values are shared too: environments, owners and cost centres repeat across an estate.</summary>
    public StringTable TagValues { get; } = new();

    /// <summary>Per entry of the model's ARN table, the index of its tag set, or -1.</summary>
    public List<int> ArnTags { get; } = [];

    /// <summary>First-seen dates as the panel shows them (UTC days).</summary>
    public StringTable FirstSeen { get; } = new();

    /// <summary>
    /// Evidence texts, JSON indented so that a statement reads as it would in the console; shared as
    /// templates like messages, since a statement often names the resource it is attached to.
    /// </summary>
    public MessageTable Evidence { get; } = new();

    /// <summary>Whether any finding has evidence, given or found in its message.</summary>
    public bool HasEvidence => Evidence.Count > 0;

    public bool HasTags => TagSets.Count > 0;

    /// <summary>
    /// Records the tags of an ARN of the ARN table (its index is <paramref name="index"/>). A value
    /// equal to the resource's name (a Name tag, typically) is stored as -1, "the name", so that
    /// resources tagged alike share one tag set.
    /// </summary>
    public void AddArn(int index, string arn, IReadOnlyDictionary<string, string>? tags)
    {
        if (index < ArnTags.Count)
        {
            // A resource's later findings carry the same tags; an earlier empty set is filled in.
            if (ArnTags[index] < 0 && tags is { Count: > 0 })
            {
                ArnTags[index] = TagSetIndex(tags, ArnText.Name(arn));
            }
            return;
        }
        ArnTags.Add(tags is { Count: > 0 } ? TagSetIndex(tags, ArnText.Name(arn)) : -1);
    }

    public int AddFirstSeen(DateTimeOffset? firstSeen) =>
        firstSeen is { } value ? FirstSeen.Add(value.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : -1;

    /// <summary>
    /// The index of the finding's evidence: the one it carries, else a policy statement quoted in its
    /// message (looked for once per distinct message), else -1.
    /// </summary>
    public int AddEvidence(string? evidence, string message, string arn)
    {
        if (evidence is not null)
        {
            if (evidence.Length == 0)
            {
                return -1;
            }
            if (_readableEvidence.TryGetValue(evidence, out var readable))
            {
                // Cut again: this finding's resource may be named in it where the first's was not.
                return Evidence.Add(readable, arn);
            }
            var index = Evidence.Add(PolicyStatementText.Readable(evidence), arn);
            if (Evidence.Values[index] is { Kind: MessageTable.Kind.Text, Parts: [var whole] })
            {
                _readableEvidence[evidence] = whole;
            }
            return index;
        }
        if (!_statementOfMessage.TryGetValue(message, out var statement))
        {
            statement = PolicyStatementText.FindIn(message);
            _statementOfMessage[message] = statement;
        }
        return statement is null ? -1 : Evidence.Add(statement, arn);
    }

    private int TagSetIndex(IReadOnlyDictionary<string, string> tags, string name)
    {
        var flat = new int[tags.Count * 2];
        var i = 0;
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            flat[i++] = TagKeys.Add(key);
            flat[i++] = value == name && name.Length > 0 ? -1 : TagValues.Add(SecretMask.Mask(key, value));
        }
        var identity = string.Join(',', flat);
        if (!_tagSetIndex.TryGetValue(identity, out var index))
        {
            index = TagSets.Count;
            TagSets.Add(flat);
            _tagSetIndex[identity] = index;
        }
        return index;
    }
}
