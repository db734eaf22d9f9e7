using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// The values of a part's gr_results rows, in <see cref="StoreSchema.ResultColumns"/> order, made one row at a time as the
/// part is written. A row whose tags or evidence the part's earlier row already holds keeps that row's ordinal instead
/// (tags_of, evidence_of) and leaves the text out: principals that share a permission set fail on the same statement and
/// resources are tagged alike (at a million resources, 191,000 findings held 84,000 distinct evidence texts and 29,000
/// distinct tag sets; 40 of the rows' 200 MB were repeats). Reading joins the text back (<see cref="SqlFindingsStore"/>).
/// </summary>
internal sealed class ResultRows(string scanId, PartKey part)
{
    // A scan's findings share their tag sets by reference (SharedFindingText): those are serialised once; others
    // (a part read from elsewhere) are serialised and then found by their text.
    private readonly Dictionary<object, int> _tagSets = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _evidence = new(StringComparer.Ordinal);

    /// <summary>The row of the part's finding at <paramref name="ordinal"/>; rows are made in ordinal order.</summary>
    public object?[] Row(int ordinal, Finding f)
    {
        var (tags, tagsOf) = f.Tags is { Count: > 0 } set ? Tags(set, ordinal) : (null, null);
        var (evidence, evidenceOf) = f.Evidence is { Length: > 0 } text ? Shared(_evidence, text, ordinal) : (f.Evidence, null);
        return
        [
            scanId, part.AccountId, part.Region, ordinal, f.RuleId, f.ResourceArn, f.Family, StoreNames.Of(f.Severity),
            StoreNames.Of(f.Verdict), f.ResourceType, f.AccountId, f.Region, f.Customer, f.Message,
            f.Status is { } s ? StoreNames.Of(s) : null, f.FirstSeen is { } t ? Db.Millis(t) : null,
            tags, evidence, tagsOf, evidenceOf,
        ];
    }

    private (string? Text, int? Of) Tags(IReadOnlyDictionary<string, string> set, int ordinal)
    {
        if (_tagSets.TryGetValue(set, out var earlier))
        {
            return (null, earlier);
        }
        var shared = Shared(_tags, JsonSerializer.Serialize(set), ordinal);
        // The row that holds the text: a reference always names it, never a row that itself refers.
        _tagSets[set] = shared.Of ?? ordinal;
        return shared;
    }

    /// <summary>The text and no reference the first time the part meets it; after, no text and the first row's ordinal.</summary>
    private static (string? Text, int? Of) Shared(Dictionary<string, int> first, string text, int ordinal)
    {
        if (first.TryGetValue(text, out var earlier))
        {
            return (null, earlier);
        }
        first[text] = ordinal;
        return (text, null);
    }
}
