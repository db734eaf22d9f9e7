using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Ocado.Guardrails.Rules;
using Ocado.Guardrails.Rules.Findings;

namespace Ocado.Guardrails.Reports.Html;

/// <summary>
/// The findings as the report's script reads them: string tables, and one row of indexes per
/// finding, as JSON, gzipped and in base64. Compressed, 100,000 findings load in a fraction of the
/// time (Chromium reads a 45 MB page for seconds before it runs a script); in base64, the script
/// element holds only letters, digits, '+', '/' and '=', so no value can end it or open a comment.
/// The page inflates it with the browser's own DecompressionStream: no library.
/// </summary>
internal static class FindingsDataWriter
{
    /// <summary>
    /// The meaning of the first cells of every row, in order; the script looks them up by name.
    /// Optional columns follow (see <see cref="ReportModel.Columns"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> BaseColumns =
        ["rule", "family", "severity", "verdict", "arn", "type", "account", "region", "customer", "message"];

    /// <summary>
    /// The JSON goes straight into the compressor, a flush at a time: held whole first, it was a buffer of hundreds of
    /// megabytes at a million findings (and twice that while the buffer grew), for data that compresses thirtyfold.
    /// </summary>
    public static string Write(ReportModel model, CancellationToken cancellationToken)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new Utf8JsonWriter(gzip))
        {
            WriteData(writer, model, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length);
    }

    /// <summary>The data as UTF-8 JSON, before compression; tests read it back through the page.</summary>
    internal static ArrayBufferWriter<byte> WriteJson(ReportModel model, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(model.Cells.Length * 4 + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteData(writer, model, cancellationToken);
        }
        return buffer;
    }

    /// <summary>
    /// Writes the data object. The default encoder escapes &lt;, &gt;, &amp;, quotes and non-ASCII as \uXXXX: not
    /// needed inside base64, but it keeps the data safe wherever a copy of it ends up.
    /// </summary>
    private static void WriteData(Utf8JsonWriter writer, ReportModel model, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        WriteTable(writer, "columns", model.Columns);
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
        WriteArns(writer, model.Arns);
        WriteTemplates(writer, "messages", model.Messages);
        WriteDetails(writer, model);
        WriteCells(writer, model.Cells, cancellationToken);
        writer.WriteEndObject();
    }

    /// <summary>Hands what the writer holds to its output once it is worth a write: over a stream, it would hold everything until the end.</summary>
    private static void Spill(Utf8JsonWriter writer)
    {
        if (writer.BytesPending > SpillBytes)
        {
            writer.Flush();
        }
    }

    private const int SpillBytes = 64 * 1024;

    private static void WriteTable(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
            Spill(writer);
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// ARNs as two parallel arrays: the index of their prefix (up to the account) in arnPrefixes,
    /// and the rest. report.js joins them once, at load.
    /// </summary>
    private static void WriteArns(Utf8JsonWriter writer, StringTable arns)
    {
        var prefixes = new StringTable();
        var rest = new string[arns.Count];
        writer.WriteStartArray("arnPrefix");
        for (var i = 0; i < arns.Count; i++)
        {
            var (prefix, tail) = ArnText.Split(arns[i]);
            writer.WriteNumberValue(prefixes.Add(prefix));
            rest[i] = tail;
            Spill(writer);
        }
        writer.WriteEndArray();
        WriteTable(writer, "arnPrefixes", prefixes.Values);
        WriteTable(writer, "arnRest", rest);
    }

    /// <summary>Each template is a string, or [kind, part, part…] (see <see cref="MessageTable"/>).</summary>
    private static void WriteTemplates(Utf8JsonWriter writer, string name, MessageTable templates)
    {
        writer.WriteStartArray(name);
        foreach (var (kind, parts) in templates.Values)
        {
            if (kind == MessageTable.Kind.Text)
            {
                writer.WriteStringValue(parts[0]);
                Spill(writer);
                continue;
            }
            writer.WriteStartArray();
            writer.WriteNumberValue((int)kind);
            foreach (var part in parts)
            {
                writer.WriteStringValue(part);
            }
            writer.WriteEndArray();
            Spill(writer);
        }
        writer.WriteEndArray();
    }

    /// <summary>The resource panel's tables, written only when the scan has something for them.</summary>
    private static void WriteDetails(Utf8JsonWriter writer, ReportModel model)
    {
        var details = model.Details;
        if (model.HasStatus)
        {
            WriteTable(writer, "statuses", Enum.GetValues<FindingStatus>().Select(Labels.Wire));
            WriteTable(writer, "statusLabels", Enum.GetValues<FindingStatus>().Select(Labels.Display));
            WriteTable(writer, "firstSeen", details.FirstSeen.Values);
        }
        if (details.HasEvidence)
        {
            WriteTemplates(writer, "evidence", details.Evidence);
        }
        if (details.HasTags)
        {
            WriteTable(writer, "tagKeys", details.TagKeys.Values);
            WriteTable(writer, "tagValues", details.TagValues.Values);
            writer.WriteStartArray("tagSets");
            foreach (var set in details.TagSets)
            {
                writer.WriteStartArray();
                foreach (var index in set)
                {
                    writer.WriteNumberValue(index);
                }
                writer.WriteEndArray();
                Spill(writer);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("arnTags");
            foreach (var index in details.ArnTags)
            {
                writer.WriteNumberValue(index);
                Spill(writer);
            }
            writer.WriteEndArray();
        }
    }

    private static void WriteCells(Utf8JsonWriter writer, int[] cells, CancellationToken cancellationToken)
    {
        // One flat array, row after row: a browser parses a million numbers far faster than a
        // hundred thousand small arrays, and keeps them in one typed array.
        writer.WriteStartArray("cells");
        for (var i = 0; i < cells.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            writer.WriteNumberValue(cells[i]);
            Spill(writer);
        }
        writer.WriteEndArray();
    }
}
