using System.Globalization;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Formats;

/// <summary>
/// findings.csv: one line per finding, RFC 4180 (CRLF line ends; a field with a comma, quote or line
/// break is quoted, its quotes doubled). Cells are AWS's text, and a spreadsheet runs a cell that
/// starts with = + - @ (or a tab or carriage return) as a formula, so such a cell gets a leading
/// apostrophe: see https://owasp.org/www-community/attacks/CSV_Injection.
/// </summary>
internal static class CsvReportWriter
{
    public static readonly IReadOnlyList<string> Header =
    [
        "ruleId", "ruleTitle", "family", "severity", "verdict", "status", "firstSeen", "customer", "accountId",
        "region", "resourceType", "resourceArn", "message", "evidence",
    ];

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static void Write(TextWriter output, ScanResult result, CancellationToken cancellationToken)
    {
        var titles = result.Rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);
        WriteLine(output, Header);
        var fields = new string[Header.Count];
        for (var i = 0; i < result.Findings.Count; i++)
        {
            if ((i & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var finding = result.Findings[i];
            fields[0] = finding.RuleId;
            fields[1] = titles.GetValueOrDefault(finding.RuleId, "");
            fields[2] = finding.Family;
            fields[3] = Labels.Wire(finding.Severity);
            fields[4] = Labels.Wire(finding.Verdict);
            fields[5] = finding.Status is { } status ? Labels.Wire(status) : "";
            fields[6] = finding.FirstSeen?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture) ?? "";
            fields[7] = finding.Customer ?? "";
            fields[8] = finding.AccountId;
            fields[9] = finding.Region;
            fields[10] = finding.ResourceType;
            fields[11] = finding.ResourceArn;
            fields[12] = finding.Message;
            fields[13] = finding.Evidence ?? "";
            WriteLine(output, fields);
        }
    }

    /// <summary>A cell as a spreadsheet will read it: defused, then quoted when RFC 4180 asks.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            value = "'" + value;
        }
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void WriteLine(TextWriter output, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }
            output.Write(Field(fields[i]));
        }
        output.Write("\r\n");
    }
}
