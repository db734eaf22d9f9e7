using System.Data.Common;
using System.Text.Json;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Scanner.Store;

/// <summary>
/// Reads gr_results rows (<see cref="StoreSchema.ResultColumns"/>, in that order) into findings, giving a row that names
/// the part's earlier row holding its tags or evidence (<see cref="ResultRows"/>) that row's: the findings then share one
/// tag set and one evidence text, as the scan that wrote them did, and each tag set is parsed once.
/// </summary>
internal sealed class StoredRows(List<Finding> findings)
{
    // The texts of the rows that hold any, by part and ordinal: what a later row may name.
    private readonly Dictionary<(string Account, string Region, int Ordinal), (IReadOnlyDictionary<string, string>? Tags, string? Evidence)> _held = [];

    // Rows read before the row they name (a database may return a part's rows in any order): given their texts at the end.
    private readonly List<(int Index, string Account, string Region, int? TagsOf, int? EvidenceOf)> _waiting = [];

    public void Add(DbDataReader reader)
    {
        var (account, region, ordinal) = (reader.GetString(1), reader.GetString(2), reader.GetInt32(3));
        IReadOnlyDictionary<string, string>? tags = Db.Text(reader, 16) is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null;
        var evidence = Db.Text(reader, 17);
        int? tagsOf = reader.IsDBNull(18) ? null : reader.GetInt32(18);
        int? evidenceOf = reader.IsDBNull(19) ? null : reader.GetInt32(19);
        if (tags is not null || evidence is not null)
        {
            _held[(account, region, ordinal)] = (tags, evidence);
        }
        var waits = false;
        if (tagsOf is { } t)
        {
            tags = Held(account, region, t).Tags;
            waits |= tags is null;
        }
        if (evidenceOf is { } e)
        {
            evidence = Held(account, region, e).Evidence;
            waits |= evidence is null;
        }
        if (waits)
        {
            _waiting.Add((findings.Count, account, region, tagsOf, evidenceOf));
        }
        findings.Add(new Finding
        {
            RuleId = reader.GetString(4), ResourceArn = reader.GetString(5), Family = reader.GetString(6),
            Severity = StoreNames.ToSeverity(reader.GetString(7)), Verdict = StoreNames.ToVerdict(reader.GetString(8)),
            ResourceType = reader.GetString(9), AccountId = reader.GetString(10), Region = reader.GetString(11),
            Customer = Db.Text(reader, 12), Message = reader.GetString(13),
            Status = StoreNames.ToStatus(Db.Text(reader, 14)), FirstSeen = Db.Time(reader, 15),
            Tags = tags,
            Evidence = evidence,
        });
    }

    /// <summary>Gives the rows read before the row they name its texts; a row naming one the scan does not hold is refused.</summary>
    public void Resolve(string scanId)
    {
        foreach (var (index, account, region, tagsOf, evidenceOf) in _waiting)
        {
            var finding = findings[index];
            findings[index] = finding with
            {
                Tags = tagsOf is { } t ? Held(account, region, t).Tags ?? throw Missing(scanId, account, region, t) : finding.Tags,
                Evidence = evidenceOf is { } e ? Held(account, region, e).Evidence ?? throw Missing(scanId, account, region, e) : finding.Evidence,
            };
        }
    }

    private (IReadOnlyDictionary<string, string>? Tags, string? Evidence) Held(string account, string region, int ordinal) =>
        _held.GetValueOrDefault((account, region, ordinal));

    private static InvalidOperationException Missing(string scanId, string account, string region, int ordinal) =>
        new($"scan {scanId}: a row of part {account}/{region} names row {ordinal} for a text it does not hold");
}
