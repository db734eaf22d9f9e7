using System.Text;

namespace Ocado.Guardrails.Tests.Support;

/// <summary>Reads the shared fixtures' CSV files (RFC 4180: quoted fields, doubled quotes, commas inside quotes).</summary>
internal static class Csv
{
    /// <summary>Each data row as a dictionary from header to value.</summary>
    public static List<Dictionary<string, string>> Read(string path)
    {
        var rows = Parse(File.ReadAllText(path));
        var header = rows[0];
        return rows.Skip(1)
            .Where(r => r.Count > 1 || (r.Count == 1 && r[0].Length > 0))
            .Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal))
            .ToList();
    }

    private static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>> { new() };
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                rows[^1].Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                rows[^1].Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([]);
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || rows[^1].Count > 0)
        {
            rows[^1].Add(field.ToString());
        }
        return rows;
    }
}
