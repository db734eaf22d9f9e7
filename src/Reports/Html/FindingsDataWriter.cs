using System.Buffers;
using System.Text;
using System.Text.Json;
using Ocado.Guardrails.Rules;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// The findings as the report's script reads them: string tables, and one row of indexes per
/// finding. It goes into the page inside a script element, so it must never hold a '&lt;'.
/// </summary>
internal static class FindingsDataWriter
{
    /// <summary>The meaning of each cell of a row, in order; the script looks them up by name.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["rule", "family", "severity", "verdict", "arn", "type", "account", "region", "customer", "message"];

    public static string Write(ReportModel model, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(model.Cells.Length * 4 + 1024);
        // The default encoder escapes <, >, &, quotes and non-ASCII as \uXXXX, so that no value can
        // close the script element or open a comment in it.
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteTable(writer, "columns", Columns);
            WriteTable(writer, "severities", Enum.GetValues<Severity>().Select(Labels.Wire));
            WriteTable(writer, "severityLabels", Enum.GetValues<Severity>().Select(Labels.Display));
            WriteTable(writer, "verdicts", Labels.Verdicts.Select(Labels.Wire));
            WriteTable(writer, "verdictLabels", Labels.Verdicts.Select(Labels.Display));
            WriteTable(writer, "rules", model.Rules.Values);
            WriteTable(writer, "ruleTitles", model.RuleSummaries.Select(r => r.Title));
            WriteTable(writer, "families", model.Families.Values);
            WriteTable(writer, "accounts", model.Accounts.Values);
            WriteTable(writer, "accountOwners", model.AccountOwners);
            WriteTable(writer, "regions", model.Regions.Values);
            WriteTable(writer, "types", model.Types.Values);
            WriteTable(writer, "customers", model.Customers.Values);
            WriteTable(writer, "customerNames", model.CustomerNames);
            WriteTable(writer, "arns", model.Arns.Values);
            WriteTable(writer, "messages", model.Messages.Values);
            WriteRows(writer, model.Cells, cancellationToken);
            writer.WriteEndObject();
        }
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (json.Contains('<', StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The findings data holds a '<'; it must not go into a script element.");
        }
        return json;
    }

    private static void WriteTable(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static void WriteRows(Utf8JsonWriter writer, int[] cells, CancellationToken cancellationToken)
    {
        var columns = Columns.Count;
        writer.WriteStartArray("rows");
        for (var start = 0; start < cells.Length; start += columns)
        {
            if ((start & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            writer.WriteStartArray();
            for (var i = start; i < start + columns; i++)
            {
                writer.WriteNumberValue(cells[i]);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
