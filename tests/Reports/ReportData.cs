using System.Text.Json;

namespace Ocado.Guardrails.Tests.Reports;

/// <summary>
/// The report's findings data, read the way report.js reads it: cells by column name, strings
/// through their tables, ARNs joined from prefix and rest, messages from their templates.
/// </summary>
internal sealed class ReportData(JsonElement root)
{
    private readonly List<string> _columns = [.. root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];

    public JsonElement Root => root;

    public int Count => _columns.Count == 0 ? 0 : Root.GetProperty("cells").GetArrayLength() / _columns.Count;

    public bool Has(string column) => _columns.Contains(column);

    public int Cell(int row, string column) => Root.GetProperty("cells")[row * _columns.Count + _columns.IndexOf(column)].GetInt32();

    public string Table(string table, int index) => Root.GetProperty(table)[index].GetString()!;

    public string Arn(int row)
    {
        var arn = Cell(row, "arn");
        return Table("arnPrefixes", Root.GetProperty("arnPrefix")[arn].GetInt32()) + Table("arnRest", arn);
    }

    public string Message(int row) => Joined(Root.GetProperty("messages")[Cell(row, "message")], row);

    public string? Evidence(int row) => Has("evidence") && Cell(row, "evidence") is >= 0 and var index
        ? Joined(Root.GetProperty("evidence")[index], row)
        : null;

    /// <summary>The tags of the row's resource, as the resource panel lists them.</summary>
    public IReadOnlyList<(string Key, string Value)> Tags(int row)
    {
        if (!Root.TryGetProperty("arnTags", out var arnTags))
        {
            return [];
        }
        var set = arnTags[Cell(row, "arn")].GetInt32();
        if (set < 0)
        {
            return [];
        }
        var flat = Root.GetProperty("tagSets")[set].EnumerateArray().Select(e => e.GetInt32()).ToList();
        return [.. Enumerable.Range(0, flat.Count / 2).Select(t => (
            Table("tagKeys", flat[2 * t]),
            flat[2 * t + 1] < 0 ? Name(Arn(row)) : Table("tagValues", flat[2 * t + 1])))];
    }

    private string Joined(JsonElement template, int row)
    {
        if (template.ValueKind == JsonValueKind.String)
        {
            return template.GetString()!;
        }
        var parts = template.EnumerateArray().ToList();
        var joiner = parts[0].GetInt32() == 1 ? Arn(row) : Name(Arn(row));
        return string.Join(joiner, parts.Skip(1).Select(p => p.GetString()));
    }

    private static string Name(string arn)
    {
        var cut = arn.LastIndexOf('/');
        return arn[((cut >= 0 ? cut : arn.LastIndexOf(':')) + 1)..];
    }
}
