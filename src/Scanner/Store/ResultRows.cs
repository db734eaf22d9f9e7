using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// The values of a part's gr_results rows, in <see cref="StoreSchema.ResultColumns"/> order, made one row at a time as the
/// part is written. A row whose tag set or evidence text is the very one an earlier row of the part carried keeps that
/// row's ordinal instead (tags_of, evidence_of) and leaves the text out; <see cref="StoredRows"/> gives it back on reading.
/// A scan shares equal texts between its findings as it gathers them (SharedFindingText: at a million resources, 191,000
/// findings carry 84,000 distinct evidence texts and 29,000 distinct tag sets), so telling them apart by reference costs a
/// lookup, where comparing texts cost more than the bytes it saved; each shared tag set is serialised once.
/// </summary>
internal sealed class ResultRows(string scanId, PartKey part)
{
    private readonly Dictionary<object, int> _first = new(ReferenceEqualityComparer.Instance);

    /// <summary>The row of the part's finding at <paramref name="ordinal"/>; rows are made in ordinal order.</summary>
    public object?[] Row(int ordinal, Finding f)
    {
        var (tagsOf, evidenceOf) = (Earlier(f.Tags is { Count: > 0 } ? f.Tags : null, ordinal), Earlier(f.Evidence is { Length: > 0 } ? f.Evidence : null, ordinal));
        return
        [
            scanId, part.AccountId, part.Region, ordinal, f.RuleId, f.ResourceArn, f.Family, StoreNames.Of(f.Severity),
            StoreNames.Of(f.Verdict), f.ResourceType, f.AccountId, f.Region, f.Customer, f.Message,
            f.Status is { } s ? StoreNames.Of(s) : null, f.FirstSeen is { } t ? Db.Millis(t) : null,
            tagsOf is null && f.Tags is { Count: > 0 } tags ? JsonSerializer.Serialize(tags) : null,
            evidenceOf is null ? f.Evidence : null,
            tagsOf, evidenceOf,
        ];
    }

    /// <summary>The ordinal of the part's first row that carried <paramref name="text"/> (this very object); null for the first itself.</summary>
    private int? Earlier(object? text, int ordinal)
    {
        if (text is null)
        {
            return null;
        }
        if (_first.TryGetValue(text, out var earlier))
        {
            return earlier;
        }
        _first[text] = ordinal;
        return null;
    }
}
